# Convenience targets; each one is a plain script you can also run directly.
.PHONY: run test lint screenshots bundle smoke rules-doc bench

run:            ## set up, then open the editor on the bundled example
	./scripts/run-app.sh

test:           ## set up, then run the whole test suite
	./scripts/test.sh

lint:           ## ruff, the import-linter layer contracts and mypy (what scripts/test.sh runs first)
	.venv/bin/ruff check . && .venv/bin/lint-imports && .venv/bin/mypy

screenshots:    ## the editor's main views under Xvfb -> docs/screenshots/
	bash scripts/screenshots.sh

bundle:         ## the Linux one-folder build and tarball -> dist/
	bash packaging/build_linux.sh

smoke: bundle   ## run the built program: --version, check, export, GUI offscreen
	bash packaging/smoke_test.sh dist/tcdesk

rules-doc:      ## regenerate docs/rules.md from the rules' own data
	.venv/bin/python -m tcdesk.rules.docs > docs/rules.md

bench:          ## print every benchmark's figures (builds the bundle first if dist/tcdesk is missing)
	for b in benchmarks/bench_*.py; do echo "== $$b"; QT_QPA_PLATFORM=offscreen .venv/bin/python $$b || exit 1; done
