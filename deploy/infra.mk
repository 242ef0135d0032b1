# Local, Docker-free infrastructure: single-node Kafka 4.4 (KRaft) and a
# MongoDB-compatible server (mongod if installed, else FerretDB v1 on SQLite).
# Everything lives under .infra/ (override with INFRA_DIR=...).
#
# Works included from the repo root Makefile (`include deploy/infra.mk`) or
# standalone from the repo root: `make -f deploy/infra.mk infra-up`.
# Ports: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), MONGO_PORT (27017),
# taken from the environment or the make command line.

# Path of this fragment's folder, captured before any later include changes
# MAKEFILE_LIST. Prefixed names so as not to clash with the including Makefile.
CLOSEDLOOP_INFRA_MK_DIR := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
CLOSEDLOOP_INFRA_SCRIPTS := $(CLOSEDLOOP_INFRA_MK_DIR)/infra

.PHONY: infra-up infra-down infra-clean infra-status

## infra-up: start Kafka + MongoDB-compatible server, create topics, write .infra/env
infra-up:
	@bash "$(CLOSEDLOOP_INFRA_SCRIPTS)/up.sh"

## infra-down: stop what infra-up started (data kept)
infra-down:
	@bash "$(CLOSEDLOOP_INFRA_SCRIPTS)/down.sh"

## infra-clean: infra-down, then delete data and logs (keeps jars/binaries)
infra-clean:
	@bash "$(CLOSEDLOOP_INFRA_SCRIPTS)/down.sh" --clean

## infra-status: show what runs, pids, memory, endpoints and topics
infra-status:
	@bash "$(CLOSEDLOOP_INFRA_SCRIPTS)/status.sh"
