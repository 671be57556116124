package upgradeapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Output is what a command prints: the shape of the odoo_upgrade CLI
// (curl_info, http_status, upgrade_response), plus download or sftp for
// the commands that move a file.
type Output struct {
	Curl     *CurlInfo
	Code     int
	Reason   string
	Body     []byte // the answer; nil leaves upgrade_response out
	Download *DownloadInfo
	SFTP     *SFTPInfo
}

// NewOutput is the output of one API call.
func NewOutput(r *Result) *Output {
	return &Output{Curl: r.Curl, Code: r.Code, Reason: r.Reason, Body: r.Body}
}

type httpStatus struct {
	Code   int    `json:"code"`
	Reason string `json:"reason"`
}

// jsonOutput orders the keys alphabetically, as the old CLI's sort_keys did.
type jsonOutput struct {
	Curl     any             `json:"curl_info"`
	Download *DownloadInfo   `json:"download,omitempty"`
	Status   httpStatus      `json:"http_status"`
	SFTP     *SFTPInfo       `json:"sftp,omitempty"`
	Response json.RawMessage `json:"upgrade_response,omitempty"`
}

// WriteJSON prints the output indented by two spaces. upgrade_response is
// the answer as the platform returned it (re-indented, every token kept);
// an answer that is not JSON appears as a JSON string, an empty one as null.
func (o *Output) WriteJSON(w io.Writer) error {
	j := jsonOutput{Curl: struct{}{}, Download: o.Download, Status: httpStatus{o.Code, o.Reason}, SFTP: o.SFTP}
	if o.Curl != nil {
		j.Curl = o.Curl
	}
	if o.Body != nil {
		j.Response = responseJSON(o.Body)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(j)
}

func responseJSON(body []byte) json.RawMessage {
	t := bytes.TrimSpace(body)
	if len(t) == 0 {
		return json.RawMessage("null")
	}
	if json.Valid(t) {
		return json.RawMessage(t)
	}
	s, _ := json.Marshal(strings.ToValidUTF8(string(body), string(utf8.RuneError)))
	return s
}

// WriteText prints a readable summary: the HTTP status, the failures one
// per line, then the answer's other keys in the platform's order.
func (o *Output) WriteText(w io.Writer) error {
	var b strings.Builder
	if o.Code != 0 {
		fmt.Fprintf(&b, "HTTP %d %s\n", o.Code, o.Reason)
	}
	if o.Body != nil {
		textAnswer(&b, o.Body)
	}
	if d := o.Download; d != nil {
		fmt.Fprintf(&b, "downloaded %s to %s\n  bytes: %d\n  sha256: %s\n", d.What, d.Path, d.Size, d.SHA256)
		if d.ResumedFrom > 0 {
			fmt.Fprintf(&b, "  resumed from byte %d\n", d.ResumedFrom)
		}
	}
	if s := o.SFTP; s != nil {
		fmt.Fprintf(&b, "sftp %s %s:%d %s %s %s\n  bytes: %d\n", s.Direction, s.Host, s.Port, s.User, s.Local, s.Remote, s.Size)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func textAnswer(b *strings.Builder, body []byte) {
	keys, vals, err := orderedObject(body)
	if err != nil {
		t := strings.TrimSpace(string(body))
		if len(t) > 2000 {
			t = t[:2000] + "…"
		}
		fmt.Fprintf(b, "answer (not JSON): %s\n", t)
		return
	}
	for i, k := range keys {
		v := vals[i]
		if k == "failures" {
			var fs []Failure
			if json.Unmarshal(v, &fs) == nil {
				if len(fs) == 0 {
					b.WriteString("failures: none\n")
				}
				for _, f := range fs {
					fmt.Fprintf(b, "failure: %s\n", f)
				}
				continue
			}
		}
		if sk, sv, err := orderedObject(v); err == nil {
			fmt.Fprintf(b, "%s:\n", k)
			width := 0
			for _, s := range sk {
				width = max(width, len(s))
			}
			for j, s := range sk {
				fmt.Fprintf(b, "  %-*s  %s\n", width+1, s+":", scalar(sv[j]))
			}
			continue
		}
		fmt.Fprintf(b, "%s: %s\n", k, scalar(v))
	}
}

// scalar renders a JSON value on one line: strings bare, null as "-",
// lists of strings comma-separated, anything else as compact JSON.
func scalar(v json.RawMessage) string {
	if present(v) == nil {
		return "-"
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	var list []json.RawMessage
	if json.Unmarshal(v, &list) == nil {
		items := make([]string, len(list))
		for i, x := range list {
			items[i] = scalar(x)
		}
		return strings.Join(items, ", ")
	}
	return compact(v)
}

// orderedObject splits a JSON object into its keys, in document order,
// and their raw values.
func orderedObject(raw []byte) ([]string, []json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, nil, fmt.Errorf("not a JSON object")
	}
	var keys []string
	var vals []json.RawMessage
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		k, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		keys = append(keys, k)
		vals = append(vals, v)
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	return keys, vals, nil
}
