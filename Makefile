# Pomočnik CSD Koper. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.10
VENV := .venv
BIN := $(VENV)/bin
SETUP_DONE := $(VENV)/.setup-done
MODEL := models/csd.tar.gz
GENERATED_NLU := data/nlu/generated.yml
COLLOQUIAL := sl_csd_pipeline/sl_csd_pipeline/colloquial.json
SHARED_EVAL := $(wildcard ../shared/eval/dev.yml ../shared/eval/dev_places_and_shapes.yml ../shared/eval/dev_it.yml \
	../shared/eval/dev_staff_answers.yml ../shared/eval/dev_situations_and_speech.yml ../shared/eval/dev_en.yml \
	../shared/eval/dev_hr.yml)
# Every set is evaluated with the shared fixture of staff answers published (dev_staff_answers.yml needs it).
STAFF_FIXTURE := ../shared/eval/staff_answers_fixture.yml
# Cases that must pass whatever the accuracy: every crisis and danger case (the shared set of lives and speech
# names its two by id), and every staff-answer miss.
MUST_PASS := 'crisis|danger|d5-miss|d4-worry-2|d4-sit-4'
# Never trained on and never tuned to: reported apart, with no threshold but every danger case.
HELD_OUT := tests/eval/heldout.yml tests/eval/heldout_2.yml tests/eval/heldout_it.yml tests/eval/heldout_it_2.yml \
	tests/eval/heldout_situations.yml tests/eval/heldout_en.yml tests/eval/heldout_hr.yml
# Written blind and labelled: danger (cr-danger-*) must get the emergency lines, the rest (cr-safe-*) must not.
# Reported for crisis recall and false alarms (docs/nlu-report.md), with no case required: a threshold on a
# blind set would invite tuning to it.
CRISIS_SET := tests/eval/crisis_labelled.yml
# Written blind for the team's own staff answers, evaluated with those published (tests/eval/answers/).
HELD_OUT_STAFF := tests/eval/heldout_staff.yml
OWN_ANSWERS := tests/eval/answers/entries.yml
PROJECT_EVAL := $(filter-out $(HELD_OUT) $(HELD_OUT_STAFF) $(CRISIS_SET),$(wildcard tests/eval/*.yml))
# What a model is trained from: retrain only when one of these changes.
TRAINING_INPUTS := config.yml domain.yml $(GENERATED_NLU) $(COLLOQUIAL) \
	$(filter-out $(GENERATED_NLU),$(wildcard data/nlu/*.yml)) $(wildcard data/nlu/*/*.yml) \
	$(wildcard data/rules/*.yml data/stories/*.yml)

export TF_CPP_MIN_LOG_LEVEL := 3
export RASA_TELEMETRY_ENABLED := false
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup browser servers promtool rules generate train run test lint quick unit validate story-test eval nlu-report bench bench-staff bench-flood soak screenshot staff-account lock clean k8s checkov backup restore
# Debian packages are installed as root; elsewhere through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

help: ## List the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

setup: $(SETUP_DONE) ## Virtual environment with every pinned dependency (requirements-dev.txt) and the Slovenian spaCy pipeline

$(SETUP_DONE): requirements-dev.txt sl_csd_pipeline/pyproject.toml $(wildcard sl_csd_pipeline/sl_csd_pipeline/*)
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.10 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==26.3
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --force-reinstall ./sl_csd_pipeline
	$(BIN)/pip check
	touch $@

browser: ## Debian's chromium for the widget's browser tests and pictures (with an emoji font: 👍/👎), when missing
	@{ command -v chromium && dpkg -s fonts-noto-color-emoji; } >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium fonts-noto-color-emoji; }

servers: ## Debian's PostgreSQL, Redis and docker-compose for the production-shape tests, installed when missing
	@{ ls /usr/lib/postgresql/*/bin/postgres && command -v redis-server && command -v docker-compose; } >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    --no-install-recommends postgresql redis-server docker-compose; }

# promtool checks the alert rules offline (GUIDE §4). Debian ships it in its prometheus package; on a machine
# with systemd that package also starts a Prometheus server (stop it with `systemctl disable --now prometheus`).
promtool: ## Debian's prometheus package, for promtool (the alert rules' checks), installed when missing
	@command -v promtool >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends prometheus; }

rules: promtool ## Check the Prometheus alert rules (deploy/prometheus/) and run their unit tests, offline
	promtool check rules deploy/prometheus/alerts.yml
	promtool test rules deploy/prometheus/alerts_test.yml

generate: $(GENERATED_NLU) ## Generate NLU lookup tables and regexes from knowledge/

# The widget's words (widget.yml) are no NLU data: changing them retrains nothing.
# It also writes the pipeline's colloquial words (COLLOQUIAL): the pipeline is installed again at once, so
# that the model trained next reads them.
$(GENERATED_NLU): $(filter-out %/widget.yml,$(wildcard knowledge/data/*.yml knowledge/data/*/*.yml knowledge/*.py)) tools/generate_nlu.py | $(SETUP_DONE)
	$(BIN)/python -m tools.generate_nlu
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --force-reinstall ./sl_csd_pipeline
	touch $(SETUP_DONE)

train: $(MODEL) ## Train the model (only when data, config, domain or knowledge changed)

$(MODEL): $(TRAINING_INPUTS) | $(SETUP_DONE)
	$(BIN)/rasa train --fixed-model-name csd --out models
	touch $@

run: setup train ## Set up, train if needed, start the assistant (Ctrl-C stops it)
	$(BIN)/python -m runtime.stack

lint: setup ## Ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

quick: setup generate ## The tests that start nothing (no Rasa, server, browser or model): about a minute
	$(BIN)/pytest -m "not slow" tests

unit: setup browser servers generate train ## Unit, gateway, browser and real-server tests, the trained model
	$(BIN)/pytest tests

validate: setup generate ## rasa data validate, with warnings as errors
	$(BIN)/rasa data validate --fail-on-warnings

story-test: train ## Conversations of tests/test_stories.yml through the trained model
	$(BIN)/rasa test core --model $(MODEL) --stories tests/test_stories.yml --fail-on-prediction-errors --out results/stories

test: lint k8s rules unit validate story-test ## Everything above, then the end-to-end evaluation (fails below 95%)
	$(BIN)/python -m tools.evaluate $(PROJECT_EVAL) $(SHARED_EVAL) --held-out $(HELD_OUT) \
		--answers $(STAFF_FIXTURE) --min-accuracy 95 --must-pass $(MUST_PASS)
	$(BIN)/python -m tools.evaluate --held-out $(HELD_OUT_STAFF) --answers $(OWN_ANSWERS) --must-pass 'danger'
	$(BIN)/python -m tools.evaluate --held-out $(CRISIS_SET)

eval: setup train ## End-to-end answer accuracy of EVAL=<file> (default: the sets under tests/eval); ANSWERS=<bulk file> published
	$(BIN)/python -m tools.evaluate $(or $(EVAL),$(PROJECT_EVAL)) $(if $(ANSWERS),--answers $(ANSWERS))

nlu-report: train ## Regenerate docs/nlu-report.md (cross-validated intent F1, fallback threshold)
	$(BIN)/python -m tools.nlu_report

bench: setup train ## Benchmark against a stock rasa init bot; prints figures, writes docs/performance.md
	$(BIN)/python -m tools.bench

screenshot: setup browser train ## Regenerate docs/widget.png, docs/widget-it.png and the staff area's docs/staff-*.png
	$(BIN)/python -m tools.widget_screenshot
	$(BIN)/python -m tools.widget_screenshot --lang it
	$(BIN)/python -m tools.staff_screenshot

bench-staff: setup ## Time the staff area's overview and not-understood list with 100,000 stored messages (docs/performance.md)
	$(BIN)/python -m tools.bench_staff

bench-flood: setup train ## A real user's latency with and without a flood of 200 requests from one address (docs/performance.md)
	$(BIN)/python -m tools.bench_flood

# Not part of `make test`: it lasts SOAK_MINUTES (20), and its figures want a machine otherwise quiet.
# SOAK_MINUTES=3 checks the tool; the other settings: `python -m tools.soak -h` (SOAK_PEOPLE, SOAK_PAUSE, …).
soak: setup servers train ## Soak the production shape SOAK_MINUTES (20): steady load, a flood and a Rasa restart midway (docs/performance.md)
	$(BIN)/python -m tools.soak

staff-account: setup ## Create a staff account: make staff-account NAME="Ana Kovač" ROLE=urednik|objavitelj|skrbnik (asks for the password)
	@[ -n "$(NAME)" ] && [ -n "$(ROLE)" ] || { echo 'usage: make staff-account NAME="Ana Kovač" ROLE=urednik|objavitelj|skrbnik'; exit 2; }
	$(BIN)/python -m bot.staff.accounts create "$(NAME)" --role "$(ROLE)"

# The database at TRACKER_STORE_URL (else the SQLite file in DATA_DIR): conversations, staff answers, feedback and
# daily totals, all of it (runtime/backup.py; docs/deploy.md, "Backups").
backup: setup ## Back up the database into BACKUP_DIR (a new file named with the time), keeping the newest BACKUP_KEEP
	$(BIN)/python -m runtime.backup dump

restore: setup ## Restore FILE=<backup> into the database, which must be empty (docs/deploy.md, "Backups")
	@[ -n "$(FILE)" ] || { echo 'usage: make restore FILE=backups/pomocnik-<time>.pgdump (or .sqlite)'; exit 2; }
	$(BIN)/python -m runtime.backup restore "$(FILE)"

# The dev lock first; what runs is then resolved within it, so a package both need has one version.
lock: ## Re-pin requirements-dev.txt (requirements-dev.in) and requirements.txt (requirements.in, the image's) in fresh venvs
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet pip==26.3 && .venv-lock/bin/pip install --quiet -r requirements-dev.in
	{ echo "# Generated from requirements-dev.in with pip freeze in a fresh Python 3.10 venv (see Makefile: lock)."; \
	  .venv-lock/bin/pip freeze; } > requirements-dev.txt
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet pip==26.3 && \
	  .venv-lock/bin/pip install --quiet -r requirements.in -c requirements-dev.txt
	{ echo "# Generated from requirements.in with pip freeze in a fresh Python 3.10 venv (see Makefile: lock)."; \
	  .venv-lock/bin/pip freeze; } > requirements.txt
	rm -rf .venv-lock

# Kubernetes manifests (deploy/k8s/, docs/deploy.md): rendered by tools/kustomize.py (no kubectl needed),
# checked by tools from PyPI in venvs of their own, apart from Rasa's pinned dependencies.
K8S_OVERLAYS := dev prod
K8S_RENDERED := $(foreach overlay,$(K8S_OVERLAYS),results/k8s/$(overlay).yaml)
K8S_VENV := .venv-k8s
CHECKOV_VENV := .venv-checkov

$(K8S_VENV)/.setup-done: deploy/k8s/requirements.txt
	test -x $(K8S_VENV)/bin/python || $(PYTHON) -m venv $(K8S_VENV)
	$(K8S_VENV)/bin/pip install --quiet --disable-pip-version-check -r deploy/k8s/requirements.txt
	touch $@

$(CHECKOV_VENV)/.setup-done: deploy/k8s/requirements-checkov.txt
	test -x $(CHECKOV_VENV)/bin/python || $(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/pip install --quiet --disable-pip-version-check -r deploy/k8s/requirements-checkov.txt
	touch $@

k8s-render: setup ## Render deploy/k8s's overlays into results/k8s/ (dev.yaml, prod.yaml)
	@for overlay in $(K8S_OVERLAYS); do \
	  $(BIN)/python -m tools.kustomize deploy/k8s/overlays/$$overlay --out results/k8s/$$overlay.yaml || exit 1; done

k8s: k8s-render $(K8S_VENV)/.setup-done ## Render the Kubernetes overlays and validate them offline (kubernetes-validate --strict)
	$(K8S_VENV)/bin/kubernetes-validate --strict --quiet --kubernetes-version 1.29 $(K8S_RENDERED)
	$(K8S_VENV)/bin/kubernetes-validate --strict --quiet --kubernetes-version 1.37 $(K8S_RENDERED)

checkov: k8s-render $(CHECKOV_VENV)/.setup-done ## Checkov on the rendered overlays (offline; skipped checks in docs/deploy.md)
	$(CHECKOV_VENV)/bin/checkov --skip-download --quiet --compact --framework kubernetes \
		--config-file deploy/k8s/checkov.yaml $(addprefix --file ,$(K8S_RENDERED))

clean: ## Remove the model, results and generated data (keeps the venv)
	rm -rf models results var $(GENERATED_NLU)
