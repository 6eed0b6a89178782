# Village Planner. The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
PY := .venv/bin/python
SAMPLE := sample_data
export QT_QPA_PLATFORM := offscreen

.PHONY: setup demo test test-fast test-ltr package deploy i18n lint bench sample clean

setup:
	@bash scripts/setup.sh

$(SAMPLE)/county.gpkg: village_planner/sample/generator.py
	$(PY) -m village_planner.sample.generator $(SAMPLE)

sample: setup $(SAMPLE)/county.gpkg

demo: setup $(SAMPLE)/county.gpkg
	@bash scripts/with_qgis_env.sh $(PY) scripts/demo.py $(SAMPLE) demo-output

test: setup
	@bash scripts/with_qgis_env.sh $(PY) -m pytest tests

test-ltr: package
	@bash scripts/test_ltr.sh

test-fast: setup
	@bash scripts/with_qgis_env.sh $(PY) -m pytest tests -m "not e2e"

package: setup
	$(PY) scripts/package.py --out dist

deploy: package
	$(PY) scripts/package.py --deploy "$(or $(PROFILE),$(HOME)/.local/share/QGIS/QGIS3/profiles/default)"

i18n:
	$(PY) scripts/i18n.py update
	lrelease -silent i18n/village_planner_zh_CN.ts -qm i18n/village_planner_zh_CN.qm

lint: setup
	$(PY) -m ruff check village_planner tests scripts
	@bash scripts/with_qgis_env.sh $(PY) scripts/check_qt6.py

bench: setup
	@bash scripts/with_qgis_env.sh $(PY) tests/bench/bench_ledger.py
	@bash scripts/with_qgis_env.sh $(PY) tests/bench/bench_quota.py
	@bash scripts/with_qgis_env.sh $(PY) tests/bench/bench_maps.py
	@bash scripts/with_qgis_env.sh $(PY) tests/bench/bench_adjust.py
	@bash scripts/with_qgis_env.sh $(PY) tests/bench/bench_submission.py
	@bash scripts/with_qgis_env.sh $(PY) tests/bench/bench_monitor.py

clean:
	rm -rf build dist demo-output test-output bench-output
