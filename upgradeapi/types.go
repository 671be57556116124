package upgradeapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Endpoint names of the /database/v1/ API.
const (
	EndpointCreate            = "create"
	EndpointUpload            = "upload"
	EndpointRequestSFTPAccess = "request_sftp_access"
	EndpointProcess           = "process"
	EndpointSkipTest          = "skip_test"
	EndpointStatus            = "status"
)

// Request states the documents name: draft (upload allowed), done
// (download allowed), delivered (after skip_test); failed and cancelled
// come from the platform's newer API and end a request too.
const (
	StateDraft     = "draft"
	StateDone      = "done"
	StateDelivered = "delivered"
	StateFailed    = "failed"
	StateCancelled = "cancelled"
)

// Failure is one entry of an answer's "failures" list. Reason and message
// are always there; code, value and expected depend on the reason
// (TARGET:INVALID has value and expected, CONTRACT:NOT_FOUND has code).
type Failure struct {
	Reason   string
	Message  string
	Code     json.RawMessage // nil when absent
	Value    json.RawMessage
	Expected json.RawMessage
}

// UnmarshalJSON takes any JSON object: the documents promise reason and
// message, but a failure that breaks the promise must still be shown.
func (f *Failure) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("failure entry: %w", err)
	}
	f.Reason, f.Message = text(m["reason"]), text(m["message"])
	f.Code, f.Value, f.Expected = present(m["code"]), present(m["value"]), present(m["expected"])
	return nil
}

// String is one line: "TARGET:INVALID: Invalid value "5.0" (value "5.0"; expected 6.0, 6.1)".
func (f Failure) String() string {
	var extra []string
	if f.Value != nil {
		extra = append(extra, "value "+compact(f.Value))
	}
	if f.Code != nil {
		extra = append(extra, "code "+compact(f.Code))
	}
	if f.Expected != nil {
		var list []json.RawMessage
		if json.Unmarshal(f.Expected, &list) == nil {
			items := make([]string, len(list))
			for i, v := range list {
				items[i] = text(v)
			}
			extra = append(extra, "expected "+strings.Join(items, ", "))
		} else {
			extra = append(extra, "expected "+compact(f.Expected))
		}
	}
	s := f.Reason
	if s == "" {
		s = "(no reason)"
	}
	if f.Message != "" {
		s += ": " + f.Message
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, "; ") + ")"
	}
	return s
}

// Info is the "request" dictionary of create, status and
// request_sftp_access answers, with the keys this client acts on. The
// answer itself is kept verbatim in Response.Raw.
type Info struct {
	ID              Flex   `json:"id"`
	Key             string `json:"key"`
	Email           string `json:"email"`
	Target          Flex   `json:"target"`
	Aim             string `json:"aim"`
	Filename        string `json:"filename"`
	State           string `json:"state"`
	CustomerMessage string `json:"customer_message"`

	NotesURL        string `json:"notes_url"`
	OriginalSQLURL  string `json:"original_sql_url"`
	OriginalDumpURL string `json:"original_dump_url"`
	UpgradedSQLURL  string `json:"upgraded_sql_url"`
	UpgradedDumpURL string `json:"upgraded_dump_url"`
	ModulesURL      string `json:"modules_url"`

	// request_sftp_access
	Hostname      string `json:"hostname"`
	SFTPPort      Flex   `json:"sftp_port"`
	SFTPUser      string `json:"sftp_user"`
	SharedFile    string `json:"shared_file"`
	RequestID     Flex   `json:"request_id"`
	SampleCommand string `json:"sample_command"`
}

// Response is a decoded answer of the API.
type Response struct {
	Failures []Failure
	Request  *Info // nil when the answer has none
	Raw      json.RawMessage
}

// DecodeResponse reads an API answer: a JSON object with an optional
// "failures" list and an optional "request" object. Other keys are kept
// in Raw only. Fields of the wrong JSON type are an error naming the key.
func DecodeResponse(body []byte) (*Response, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		return nil, fmt.Errorf("decode answer: %w", err)
	}
	if top == nil {
		return nil, errors.New("decode answer: null, want a JSON object")
	}
	r := &Response{Raw: json.RawMessage(bytes.TrimSpace(body))}
	if raw := present(top["failures"]); raw != nil {
		if err := json.Unmarshal(raw, &r.Failures); err != nil {
			return nil, fmt.Errorf("decode answer: key \"failures\": %w", err)
		}
	}
	if raw := present(top["request"]); raw != nil {
		var info Info
		if err := json.Unmarshal(raw, &info); err != nil {
			return nil, fmt.Errorf("decode answer: key \"request\": %w", err)
		}
		r.Request = &info
	}
	return r, nil
}

// Flex is a value the platform sends as a number or a string (id,
// sftp_port, target): it keeps the JSON text of a number, the value of a
// string, and "" for null.
type Flex string

func (f *Flex) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = Flex(s)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("want a number or a string, got %s", b)
		}
		*f = Flex(n)
	}
	return nil
}

// Int is the value as a non-negative integer.
func (f Flex) Int() (int64, error) {
	n, err := strconv.ParseInt(string(f), 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a non-negative integer", string(f))
	}
	return n, nil
}

// present is nil for an absent key or a JSON null.
func present(raw json.RawMessage) json.RawMessage {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || bytes.Equal(t, []byte("null")) {
		return nil
	}
	return t
}

// text is a JSON string's value, or the compact JSON text of anything else.
func text(raw json.RawMessage) string {
	if present(raw) == nil {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return compact(raw)
}

func compact(raw json.RawMessage) string {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return string(raw)
	}
	return b.String()
}
