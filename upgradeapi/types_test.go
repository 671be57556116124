package upgradeapi

import (
	"encoding/json"
	"strings"
	"testing"
)

// The documents' samples: the failures of create (with the doc's
// trailing comma removed) and the status answer.
const docFailures = `{
  "failures": [
    {"expected": ["6.0", "6.1", "7.0", "8.0"], "message": "Invalid value \"5.0\"", "reason": "TARGET:INVALID", "value": "5.0"},
    {"code": "M123456-abcxyz", "message": "Can not find contract M123456-abcxyz", "reason": "CONTRACT:NOT_FOUND"}
  ]
}`

const docStatus = `{"failures": [], "request": {
  "id": 10534, "key": "Aw7pItGVKFuZ_FOR3U8VFQ==", "email": "john.doe@example.com",
  "target": "12.0", "aim": "test", "filename": "db_name.dump", "timezone": null,
  "state": "draft", "issue_stage": "new", "issue": 648398,
  "status_url": "https://upgrade.odoo.com/database/eu1/10534/Aw7pItGVKFuZ_FOR3U8VFQ==/status",
  "upgraded_dump_url": "https://upgrade.odoo.com/database/eu1/10534/Aw7pItGVKFuZ_FOR3U8VFQ==/upgraded/archive",
  "filesize": "912.99 Kb", "database_uuid": null, "created_at": "2018-09-09 07:13:49",
  "estimated_time": null, "processed_at": null, "elapsed": "00:00", "filestore": false,
  "customer_message": null, "database_version": null, "postgresql": "9.4",
  "compressions": ["pgdmp_custom", "sql"]}}`

func TestUpgradeDecodeResponse(t *testing.T) {
	r, err := DecodeResponse([]byte(docFailures))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`TARGET:INVALID: Invalid value "5.0" (value "5.0"; expected 6.0, 6.1, 7.0, 8.0)`,
		`CONTRACT:NOT_FOUND: Can not find contract M123456-abcxyz (code "M123456-abcxyz")`,
	}
	if len(r.Failures) != 2 || r.Failures[0].String() != want[0] || r.Failures[1].String() != want[1] || r.Request != nil {
		t.Errorf("failures: %q, request %v", r.Failures, r.Request)
	}

	r, err = DecodeResponse([]byte(docStatus))
	if err != nil {
		t.Fatal(err)
	}
	i := r.Request
	if i.ID != "10534" || i.Key != "Aw7pItGVKFuZ_FOR3U8VFQ==" || i.State != "draft" || i.Target != "12.0" ||
		!strings.HasSuffix(i.urlFor("upgraded-archive"), "/upgraded/archive") || i.urlFor("notes") != "" {
		t.Errorf("request: %+v", i)
	}
	if string(r.Raw) != strings.TrimSpace(docStatus) {
		t.Error("Raw is not the answer verbatim")
	}

	// request_sftp_access: the port as an int or as a string.
	for _, port := range []string{`2200`, `"2200"`} {
		r, err = DecodeResponse([]byte(`{"failures":[],"request":{"hostname":"upgrade.odoo.com","sftp_port":` + port +
			`,"sftp_user":"user_10534","shared_file":"db.dump","request_id":10534,"sample_command":"sftp -P 2200 user_10534@upgrade.odoo.com"}}`))
		if err != nil {
			t.Fatal(err)
		}
		if p, err := r.Request.SFTPPort.Int(); err != nil || p != 2200 {
			t.Errorf("sftp_port %s: %d, %v", port, p, err)
		}
	}

	for _, tc := range []struct{ in, err string }{
		{`[]`, "decode answer"},
		{`null`, "null, want a JSON object"},
		{`<html>502</html>`, "decode answer"},
		{`{"failures": {}}`, `key "failures"`},
		{`{"failures": [1]}`, `key "failures"`},
		{`{"request": []}`, `key "request"`},
		{`{"request": {"id": true}}`, `key "request"`},
		{`{"request": {"state": 3}}`, `key "request"`},
	} {
		if _, err := DecodeResponse([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("DecodeResponse(%s) = %v, want an error with %q", tc.in, err, tc.err)
		}
	}
	// Tolerated: missing keys, null request, other keys, a failure without reason.
	for _, in := range []string{`{}`, `{"request": null, "failures": null}`, `{"operation": "x"}`, `{"failures": [{"message": 3}]}`} {
		if _, err := DecodeResponse([]byte(in)); err != nil {
			t.Errorf("DecodeResponse(%s): %v", in, err)
		}
	}
}

func TestUpgradeFlexInt(t *testing.T) {
	for _, tc := range []struct {
		in string
		n  int64
		ok bool
	}{{"10534", 10534, true}, {"0", 0, true}, {"-1", 0, false}, {"1.5", 0, false}, {"", 0, false}, {"1e3", 0, false}} {
		n, err := Flex(tc.in).Int()
		if (err == nil) != tc.ok || n != tc.n {
			t.Errorf("Flex(%q).Int() = %d, %v", tc.in, n, err)
		}
	}
}

func FuzzDecodeResponse(f *testing.F) {
	for _, s := range []string{docFailures, docStatus, `{}`, `[]`, `{"request":{"sftp_port":"x"}}`, `{"failures":[{"expected":{}}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := DecodeResponse(b)
		if err != nil {
			return
		}
		if !json.Valid(r.Raw) {
			t.Fatalf("accepted invalid JSON %q", b)
		}
		for _, fl := range r.Failures {
			_ = fl.String()
		}
		var o Output
		o.Body = b
		var sb strings.Builder
		if err := o.WriteJSON(&sb); err != nil {
			t.Fatalf("WriteJSON: %v", err)
		}
		if !json.Valid([]byte(sb.String())) {
			t.Fatalf("output is not JSON: %s", sb.String())
		}
		sb.Reset()
		if err := o.WriteText(&sb); err != nil {
			t.Fatal(err)
		}
	})
}
