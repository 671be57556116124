package odooconf

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sample = `; Odoo server configuration
[options]
admin_passwd = $pbkdf2-sha512$25000$x
db_host = False
db_port = 5433
DB_User = odoo
db_password: s3cret=with=equals
db_name = prod
addons_path = /opt/odoo/addons,
    /opt/custom
upgrade_path = ~/upgrades
# a comment
without_demo = all

[other]
db_name = ignored
`

func TestParse(t *testing.T) {
	c, err := Parse("odoo.conf", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get("db_host"); ok {
		t.Error("db_host = False must read as unset")
	}
	for key, want := range map[string]string{"db_port": "5433", "db_user": "odoo", "db_password": "s3cret=with=equals", "db_name": "prod"} {
		if got, ok := c.Get(key); !ok || got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if got := strings.Join(c.Paths("addons_path"), "|"); got != "/opt/odoo/addons|/opt/custom" {
		t.Errorf("addons_path: %s", got)
	}
	home, _ := os.UserHomeDir()
	if got := c.Paths("upgrade_path"); len(got) != 1 || got[0] != filepath.Join(home, "upgrades") {
		t.Errorf("upgrade_path: %v", got)
	}
	if c.Line("db_name") != 8 {
		t.Errorf("line of db_name: %d", c.Line("db_name"))
	}
}

func TestParseErrors(t *testing.T) {
	tests := map[string]struct {
		src  string
		line int
		msg  string
	}{
		"no section":    {"db_name = x\n", 1, "before any [section]"},
		"no separator":  {"[options]\ndb_name\n", 2, "not a \"key = value\""},
		"duplicate key": {"[options]\ndb_name = a\nDB_NAME = b\n", 3, "appears twice"},
		"duplicate sec": {"[options]\n[options]\n", 2, "appears twice"},
		"bad header":    {"[options\n", 1, "malformed section header"},
		"stray indent":  {"[options]\n\n  x\n", 3, "does not continue"},
	}
	for name, tt := range tests {
		_, err := Parse("odoo.conf", []byte(tt.src))
		var e *Error
		if !errors.As(err, &e) || e.Line != tt.line || !strings.Contains(e.Msg, tt.msg) || !strings.HasPrefix(err.Error(), "odoo.conf:") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(sample)
	f.Add("[options]\na=1\n b\n;c\n[x]\n")
	f.Fuzz(func(t *testing.T, src string) {
		c, err := Parse("f", []byte(src))
		if err == nil {
			for k := range c.Options {
				if k != strings.ToLower(k) {
					t.Fatalf("key %q not lower-cased", k)
				}
				_ = c.Paths(k)
			}
		}
	})
}
