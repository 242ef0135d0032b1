# closedloop task runner: the README's commands are these targets.
#   make demo    bring up infrastructure and the five services, drive a short scenario
#   make test    run every test tier (starts the infrastructure when it is not up)
#   make lint    ruff + mypy (strict)
#   make bench   throughput benchmark against the running infrastructure
SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv from PATH, else the copy `make uv` installs with pip (a fresh machine has neither).
UV := $(or $(shell command -v uv 2>/dev/null),python3 -m uv)
N ?= 20000

include deploy/infra.mk

.PHONY: help uv install lint format test test-unit demo bench schemas asyncapi clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort

uv: ## install uv with pip when it is missing
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 \
	  || python3 -m pip install --quiet --disable-pip-version-check uv

install: uv ## install the workspace (all services, dev tools) from uv.lock
	@$(UV) sync --frozen --quiet

lint: install ## ruff check, ruff format --check, mypy strict
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run mypy

format: install ## apply ruff's fixes and formatting
	$(UV) run ruff check --fix .
	$(UV) run ruff format .

test: install infra-up ## all tiers: unit, contract, integration, e2e (real Kafka + MongoDB)
	$(UV) run pytest

test-unit: install ## only the fast tiers, no infrastructure
	$(UV) run pytest tests/unit tests/contract

demo: install infra-up ## the whole system locally, driven through a short scenario
	$(UV) run python -m tools.demo

bench: install infra-up ## N complaints (default 20000) through the inbound topic; prints JSON
	$(UV) run python -m bench.throughput --complaints $(N)

schemas: install ## regenerate the committed JSON Schemas after a contract change
	$(UV) run python -m closedloop_shared.schemas schemas

asyncapi: install ## write each service's AsyncAPI document under docs/asyncapi/
	@mkdir -p docs/asyncapi
	@for p in intake:closedloop_intake router:closedloop_router sla-watcher:closedloop_sla \
	  feedback:closedloop_feedback projection:closedloop_projection; do \
	  $(UV) run faststream docs gen --yaml --factory $${p#*:}.app:create_app \
	    --out docs/asyncapi/$${p%%:*}.yaml >/dev/null && echo "docs/asyncapi/$${p%%:*}.yaml"; \
	done

clean: infra-down ## stop the infrastructure and remove caches (data is kept; see infra-clean)
	rm -rf .pytest_cache .mypy_cache .ruff_cache
