import pandas as pd
import pytest

from village_planner.core.stats import StatsError, detect_encoding, normalise_stats, read_table_file

HEAD = "村代码,村名称,乡镇,户数,户籍人口,常住人口,传统村落级别\r\n"
ROWS = ("5002300010010000000,龙井村,三合镇,300,1000,620,国家级传统村落\r\n"
        "500230001002,石坪村,三合镇,\"1,200\",3800,2100,\r\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "stats.csv"
    path.write_bytes((HEAD + ROWS).encode(encoding))
    frame = read_table_file(str(path))
    table, findings = normalise_stats(frame, "stats.csv")
    assert table.loc["500230001001", "village_name"] == "龙井村"
    assert table.loc["500230001001", "heritage"] == "国家级传统村落"
    assert table.loc["500230001002", "households"] == 1200
    assert table.loc["500230001001", "resident_pop"] == 620
    assert not findings


def test_english_headers_and_xlsx(tmp_path):
    path = tmp_path / "stats.xlsx"
    pd.DataFrame({"Village_Code": ["500230001001"], "households": ["12"], "Registered_Pop": ["40"],
                  "resident_pop": ["20"]}).to_excel(path, index=False)
    table, _ = normalise_stats(read_table_file(str(path)), "stats.xlsx")
    assert table.loc["500230001001", "registered_pop"] == 40


def test_bad_rows_are_reported_not_fatal():
    frame = pd.DataFrame({"村代码": ["500230001001", "bad", "500230001001"], "户数": ["x", "2", "3"]})
    table, findings = normalise_stats(frame, "CJTJ")
    codes = sorted(f.code for f in findings)
    assert codes == ["stats_bad_code", "stats_duplicate", "stats_no_population", "stats_not_number"]
    assert next(f for f in findings if f.code == "stats_bad_code").feature_id == 3  # spreadsheet row
    assert len(table) == 1


def test_no_code_column_is_an_error_naming_the_layer():
    with pytest.raises(StatsError, match="CJTJ"):
        normalise_stats(pd.DataFrame({"名称": ["a"]}), "CJTJ")


def test_undecodable_bytes():
    with pytest.raises(StatsError):
        detect_encoding(b"\xff\xfe\x00\x81\x30\xff")


# issue 9: hostile statistics ----------------------------------------------------------------
def test_infinite_negative_and_absurd_figures_are_reported_and_left_empty(tmp_path):
    path = tmp_path / "stats.csv"
    path.write_text(HEAD + "500230001001,龙井村,三合镇,inf,-2202,1e9,\r\n"
                    "500230001002,石坪村,三合镇,12,40,30,\r\n", encoding="utf-8")
    table, findings = normalise_stats(read_table_file(str(path)), "stats.csv")
    row = table.loc["500230001001"]
    assert pd.isna(row["households"]) and pd.isna(row["registered_pop"]) and pd.isna(row["resident_pop"])
    assert table.loc["500230001002", "resident_pop"] == 30
    by_field = {f.field: f for f in findings}
    # the findings name the columns as the file has them
    assert by_field["户数"].code == "stats_not_number" and by_field["户数"].feature_id == 2
    assert by_field["户籍人口"].code == "stats_implausible" and "-2202" in by_field["户籍人口"].message
    assert "户籍人口" in by_field["户籍人口"].message
    assert by_field["常住人口"].code == "stats_implausible"


def test_two_row_header_keeps_the_population_columns(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["村代码", "村名称", "人口", None, "户数"])
    ws.append([None, None, "户籍", "常住", None])
    ws.append(["500230001001", "龙井村", "1000", "620", "300"])
    ws.merge_cells("C1:D1")
    ws.merge_cells("A1:A2")
    path = tmp_path / "stats.xlsx"
    wb.save(path)
    table, findings = normalise_stats(read_table_file(str(path)), "stats.xlsx")
    assert table.loc["500230001001", "registered_pop"] == 1000
    assert table.loc["500230001001", "resident_pop"] == 620
    assert table.loc["500230001001", "households"] == 300
    assert not findings


def test_missing_population_columns_are_named():
    frame = pd.DataFrame({"村代码": ["500230001001"], "户数": ["3"]})
    _, findings = normalise_stats(frame, "CJTJ")
    assert [f.code for f in findings] == ["stats_no_population"]


def test_row_numbers_count_blank_lines(tmp_path):
    path = tmp_path / "stats.csv"
    path.write_text(HEAD + "\r\n500230001001,龙井村,三合镇,3,4,5,\r\n\r\n\r\nbad,x,y,1,2,3,\r\n", encoding="utf-8")
    _, findings = normalise_stats(read_table_file(str(path)), "stats.csv")
    assert [(f.code, f.feature_id) for f in findings] == [("stats_bad_code", 6)]


def test_bom_followed_by_gbk_text(tmp_path):
    path = tmp_path / "stats.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + ROWS).encode("gbk"))
    table, _ = normalise_stats(read_table_file(str(path)), "stats.csv")
    assert table.loc["500230001001", "village_name"] == "龙井村"
