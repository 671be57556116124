package sqlexec

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/odooconf"
)

// ConnConfig resolves where to connect, in the order an operator expects:
// an explicit DSN (URL or key=value) first, then the db_* settings of an
// Odoo configuration file, then the standard PG* environment variables
// (which also fill whatever the first two leave out, as libpq does).
func ConnConfig(dsn string, conf *odooconf.Config) (*pgx.ConnConfig, error) {
	if dsn != "" {
		cfg, err := pgx.ParseConfig(dsn)
		if err != nil {
			return nil, fmt.Errorf("--dsn: %w", err)
		}
		return withAppName(cfg), nil
	}
	var kv []string
	if conf != nil {
		for _, m := range [...]struct{ key, param string }{
			{"db_host", "host"}, {"db_port", "port"}, {"db_user", "user"},
			{"db_password", "password"}, {"db_name", "dbname"},
		} {
			if v, ok := conf.Get(m.key); ok {
				kv = append(kv, m.param+"="+quoteParam(v))
			}
		}
	}
	cfg, err := pgx.ParseConfig(strings.Join(kv, " "))
	if err != nil {
		if conf != nil {
			return nil, fmt.Errorf("%s: database settings: %w", conf.Path, err)
		}
		return nil, fmt.Errorf("PG* environment: %w", err)
	}
	return withAppName(cfg), nil
}

// withAppName names the runner in pg_stat_activity, unless the operator
// chose a name (PGAPPNAME or application_name in the DSN).
func withAppName(cfg *pgx.ConnConfig) *pgx.ConnConfig {
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = "migrate-runner"
	}
	return cfg
}

// quoteParam quotes a value for a libpq key=value string.
func quoteParam(v string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
}

// InstalledVersions reads ir_module_module.latest_version of the modules
// Odoo would upgrade (state installed or to upgrade). A database without
// that table (not an Odoo database, or an empty one) has none; modules
// with no recorded version are returned in noVersion.
func InstalledVersions(ctx context.Context, conn *pgx.Conn) (versions map[string]string, noVersion []string, err error) {
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT to_regclass('ir_module_module') IS NOT NULL").Scan(&exists); err != nil {
		return nil, nil, fmt.Errorf("installed versions: %w", err)
	}
	versions = map[string]string{}
	if !exists {
		return versions, nil, nil
	}
	rows, err := conn.Query(ctx, `SELECT name, latest_version FROM ir_module_module
		WHERE state IN ('installed', 'to upgrade') ORDER BY name`)
	if err != nil {
		return nil, nil, fmt.Errorf("installed versions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var version *string
		if err := rows.Scan(&name, &version); err != nil {
			return nil, nil, fmt.Errorf("installed versions: %w", err)
		}
		if version == nil || *version == "" {
			noVersion = append(noVersion, name)
			continue
		}
		versions[name] = *version
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("installed versions: %w", err)
	}
	return versions, noVersion, nil
}
