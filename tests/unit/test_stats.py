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
    assert codes == ["stats_bad_code", "stats_duplicate", "stats_not_number"]
    assert next(f for f in findings if f.code == "stats_bad_code").feature_id == 3  # spreadsheet row
    assert len(table) == 1


def test_no_code_column_is_an_error_naming_the_layer():
    with pytest.raises(StatsError, match="CJTJ"):
        normalise_stats(pd.DataFrame({"名称": ["a"]}), "CJTJ")


def test_undecodable_bytes():
    with pytest.raises(StatsError):
        detect_encoding(b"\xff\xfe\x00\x81\x30\xff")
