// Command ferretdb-launcher runs an embedded FerretDB v1 (MongoDB wire
// protocol on top of SQLite) for local development, until SIGINT/SIGTERM.
//
// Why a launcher instead of `go install github.com/FerretDB/FerretDB/cmd/ferretdb`:
// the upstream command reads the generated build/version/version.txt, which is
// not part of the published Go module, so a binary built from the module cache
// panics at start-up ("Invalid build/version/version.txt file content").
// The embeddable package github.com/FerretDB/FerretDB/ferretdb does not have
// that problem: build/version only reads version.txt (and panics when it is
// missing) when the main module is github.com/FerretDB/FerretDB itself. Here the
// main module is ours, so the check is skipped and the version reports as
// "unknown"/"embedded"; no -ldflags trick or generated file is needed.
//
// Telemetry: ferretdb.New always disables (and locks) telemetry for embedded
// use, and the embedded package never starts the reporter, so there is no knob
// to set here.
//
// Settings come from flags, falling back to environment variables:
//
//	-listen-addr  FERRETDB_LISTEN_ADDR  (default 127.0.0.1:27017)
//	-sqlite-dir   FERRETDB_SQLITE_DIR   (default ./ferretdb-data; created if missing)
//	-log-level    FERRETDB_LOG_LEVEL    (debug, info, warn, error; default info)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func envOr(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

func parseLevel(s string) (slog.Level, error) {
	var lvl slog.Level
	err := lvl.UnmarshalText([]byte(strings.ToUpper(strings.TrimSpace(s))))
	return lvl, err
}

func run() error {
	listenAddr := flag.String("listen-addr", envOr("FERRETDB_LISTEN_ADDR", "127.0.0.1:27017"),
		"TCP address to listen on (env FERRETDB_LISTEN_ADDR)")
	sqliteDir := flag.String("sqlite-dir", envOr("FERRETDB_SQLITE_DIR", "ferretdb-data"),
		"folder holding one SQLite file per database (env FERRETDB_SQLITE_DIR)")
	logLevel := flag.String("log-level", envOr("FERRETDB_LOG_LEVEL", "info"),
		"log level: debug, info, warn or error (env FERRETDB_LOG_LEVEL)")
	flag.Parse()

	lvl, err := parseLevel(*logLevel)
	if err != nil {
		return fmt.Errorf("bad -log-level %q: %w", *logLevel, err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl}))
	slog.SetDefault(logger)

	dir, err := filepath.Abs(*sqliteDir)
	if err != nil {
		return err
	}
	if err = os.MkdirAll(dir, 0o755); err != nil {
		return err
	}

	// The SQLite handler wants a "file:" URI naming a directory, with a
	// trailing slash; every MongoDB database becomes <dir>/<db>.sqlite.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listenAddr},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir + "/",
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	logger.Info("FerretDB starting", "listen", *listenAddr, "sqlite_dir", dir, "pid", os.Getpid())

	// Run returns once ctx is cancelled and the listener, the client
	// connections and the SQLite backend are closed.
	if err = f.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}

	logger.Info("FerretDB stopped")
	return nil
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-launcher:", err)
		os.Exit(1)
	}
}
