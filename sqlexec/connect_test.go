package sqlexec

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/odooconf"
)

func TestConnConfigPrecedence(t *testing.T) {
	t.Setenv("PGHOST", "envhost")
	t.Setenv("PGUSER", "envuser")
	t.Setenv("PGDATABASE", "envdb")
	t.Setenv("PGAPPNAME", "")
	conf, err := odooconf.Parse("odoo.conf", []byte("[options]\ndb_host = confhost\ndb_port = 5433\ndb_name = confdb\ndb_password = it's\\\n"))
	if err != nil {
		t.Fatal(err)
	}
	// An explicit DSN wins; the environment fills what it leaves out.
	cfg, err := ConnConfig("postgres://dsnhost/dsndb", conf)
	if err != nil || cfg.Host != "dsnhost" || cfg.Database != "dsndb" || cfg.User != "envuser" {
		t.Errorf("dsn: %+v %v", cfg, err)
	}
	// Then the Odoo file, then the environment.
	cfg, err = ConnConfig("", conf)
	if err != nil || cfg.Host != "confhost" || cfg.Port != 5433 || cfg.Database != "confdb" || cfg.User != "envuser" || cfg.Password != `it's\` {
		t.Errorf("conf: %+v %v", cfg, err)
	}
	cfg, err = ConnConfig("", nil)
	if err != nil || cfg.Host != "envhost" || cfg.Database != "envdb" {
		t.Errorf("env: %+v %v", cfg, err)
	}
	if cfg.RuntimeParams["application_name"] != "migrate-runner" {
		t.Errorf("application_name: %q", cfg.RuntimeParams["application_name"])
	}
	if _, err := ConnConfig("postgres://host:notaport/db", nil); err == nil || !strings.Contains(err.Error(), "--dsn") {
		t.Errorf("bad dsn: %v", err)
	}
}

func TestInstalledVersions(t *testing.T) {
	dsn := pgtest.DB(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	// Not an Odoo database: nothing is installed.
	got, none, err := InstalledVersions(ctx, conn)
	if err != nil || len(got) != 0 || len(none) != 0 {
		t.Fatalf("empty database: %v %v %v", got, none, err)
	}
	_, err = conn.Exec(ctx, `CREATE TABLE ir_module_module (id serial, name varchar NOT NULL, state varchar, latest_version varchar);
		INSERT INTO ir_module_module (name, state, latest_version) VALUES
		('base', 'installed', '17.0.1.3'), ('sale_custom', 'to upgrade', '17.0.1.0.0'),
		('stock_custom', 'uninstalled', '17.0.1.0'), ('old', 'to remove', '16.0.1.0'),
		('fresh', 'to install', NULL), ('odd', 'installed', NULL)`)
	if err != nil {
		t.Fatal(err)
	}
	got, none, err = InstalledVersions(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["base"] != "17.0.1.3" || got["sale_custom"] != "17.0.1.0.0" || strings.Join(none, ",") != "odd" {
		t.Errorf("got %v, no version %v", got, none)
	}
}
