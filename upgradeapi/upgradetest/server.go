// Package upgradetest is an in-process upgrade platform that follows the
// documented /database/v1/ behaviour, for tests and examples of package
// upgradeapi: requests and their states, failures in the documented shape,
// uploads streamed to disk, download URLs that honour Range. It records
// every request so that tests can check their encoding, and can be told
// to fail a call or to cut a download in the middle.
//
// request_sftp_access answers with what Server.SFTP says; StartSFTP puts a
// real SSH/SFTP server behind it.
//
// It does not upgrade anything (the "upgraded" archive is fixed test
// data), and it is not the self-hosted server.
package upgradetest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Recorded is one request as the server saw it.
type Recorded struct {
	Method      string
	Path        string
	Query       string // raw query string
	ContentType string
	Range       string
	IfRange     string
	Body        []byte // every body but upload's
	BodySize    int64
	BodySHA256  string // upload only
}

// Server is the fake platform. Set its fields before the first request.
type Server struct {
	*httptest.Server

	// Targets are the valid target versions (default 15.0, 16.0, 17.0).
	Targets []string
	// Contracts, when set, are the only known contracts.
	Contracts []string
	// Polls is how many status calls a processed request spends in
	// "pending" then "progress" before "done" (default 2).
	Polls int
	// FailUpgrade makes processed requests end in "failed" with this
	// customer message.
	FailUpgrade string
	// Upgraded is the content of upgraded/archive (default 300 KiB of
	// deterministic bytes).
	Upgraded []byte
	// SFTP gives request_sftp_access's host and port for a request and
	// the keys sent (default 127.0.0.1:2200, keys only stored).
	SFTP func(id int, keys []byte) (host string, port int)
	// Dir holds uploaded dumps (default a temporary directory).
	Dir string

	mu       sync.Mutex
	dirTemp  bool
	nextID   int
	requests map[int]*request
	recorded []Recorded
	failNext map[string][]injected
	cuts     []int64
	stalls   []int64
}

type injected struct {
	code int
	body string
}

type request struct {
	id                                      int
	key, contract, email, target, aim, file string
	timezone                                *string
	state                                   string
	polls                                   int
	dump                                    string // path of the upload
	size                                    int64
	compressions                            []string
	sshKeys                                 []byte
	created                                 time.Time
}

// NewServer starts a fake platform; it stops with the test.
func NewServer(t interface {
	Cleanup(func())
	TempDir() string
}) *Server {
	s := &Server{Dir: t.TempDir()}
	s.Server = httptest.NewServer(s)
	t.Cleanup(s.Close)
	return s
}

// NewUnstarted returns a platform for Start (example programs).
func NewUnstarted() *Server {
	s := &Server{}
	s.Server = httptest.NewUnstartedServer(s)
	return s
}

// Close stops the server and removes a directory it created.
func (s *Server) Close() {
	s.Server.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dirTemp {
		os.RemoveAll(s.Dir)
	}
}

// Requests returns what was received so far.
func (s *Server) Requests() []Recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Recorded(nil), s.recorded...)
}

// Reset forgets the recorded requests.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.recorded = nil
}

// FailNext makes the next call to endpoint ("status", or "download" for
// any file URL) answer code with body instead.
func (s *Server) FailNext(endpoint string, code int, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failNext == nil {
		s.failNext = map[string][]injected{}
	}
	s.failNext[endpoint] = append(s.failNext[endpoint], injected{code, body})
}

// CutDownloads makes the next downloads close the connection after
// sending n bytes of the body, one cut per value.
func (s *Server) CutDownloads(n ...int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cuts = append(s.cuts, n...)
}

// StallDownloads makes the next downloads send n bytes of the body, then
// send nothing more and keep the connection open until the client goes
// away, as a stuck server or network would; one stall per value.
func (s *Server) StallDownloads(n ...int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stalls = append(s.stalls, n...)
}

// Key is the private key the server gives request id.
func Key(id int) string {
	h := sha256.Sum256([]byte("upgradetest key " + strconv.Itoa(id)))
	return base64.URLEncoding.EncodeToString(h[:16])
}

// UpgradedData is the default upgraded archive.
func UpgradedData() []byte {
	b := make([]byte, 300<<10)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.requests == nil {
		s.requests = map[int]*request{}
		s.nextID = 10534
		if s.Dir == "" {
			s.Dir, _ = os.MkdirTemp("", "upgradetest")
			s.dirTemp = true
		}
	}
	s.mu.Unlock()
	rec := Recorded{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, ContentType: r.Header.Get("Content-Type"),
		Range: r.Header.Get("Range"), IfRange: r.Header.Get("If-Range")}
	endpoint, isAPI := strings.CutPrefix(r.URL.Path, "/database/v1/")
	if isAPI && endpoint == "upload" {
		s.upload(w, r, rec)
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	rec.Body, rec.BodySize = body, int64(len(body))
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.record(rec)
	if !isAPI {
		s.download(w, r)
		return
	}
	if inj, ok := s.injected(endpoint); ok {
		w.WriteHeader(inj.code)
		io.WriteString(w, inj.body)
		return
	}
	v, files := params(r, body)
	switch endpoint {
	case "create":
		s.create(w, v)
	case "request_sftp_access":
		s.sftpAccess(w, v, files)
	case "process", "skip_test", "status":
		s.simple(w, endpoint, v)
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) record(rec Recorded) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.recorded = append(s.recorded, rec)
}

func (s *Server) injected(endpoint string) (injected, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if q := s.failNext[endpoint]; len(q) > 0 {
		s.failNext[endpoint] = q[1:]
		return q[0], true
	}
	return injected{}, false
}

// params merges the query string and a urlencoded or multipart body,
// whatever the method, as the documents' clients send both ways.
func params(r *http.Request, body []byte) (url.Values, map[string][]byte) {
	v := r.URL.Query()
	files := map[string][]byte{}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/x-www-form-urlencoded":
		if bv, err := url.ParseQuery(string(body)); err == nil {
			for k, vs := range bv {
				v[k] = append(v[k], vs...)
			}
		}
	case "multipart/form-data":
		if err := r.ParseMultipartForm(1 << 20); err == nil {
			for k, vs := range r.MultipartForm.Value {
				v[k] = append(v[k], vs...)
			}
			for k, fhs := range r.MultipartForm.File {
				if f, err := fhs[0].Open(); err == nil {
					files[k], _ = io.ReadAll(f)
					f.Close()
				}
			}
		}
	}
	return v, files
}

type failure map[string]any

func fail(reason, message string, extra ...any) failure {
	f := failure{"reason": reason, "message": message}
	for i := 0; i+1 < len(extra); i += 2 {
		f[extra[i].(string)] = extra[i+1]
	}
	return f
}

func reply(w http.ResponseWriter, failures []failure, req any) {
	if failures == nil {
		failures = []failure{}
	}
	out := ordered{{"failures", failures}}
	if req != nil {
		out = append(out, struct {
			k string
			v any
		}{"request", req})
	}
	b, _ := json.Marshal(out)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}

func (s *Server) targets() []string {
	if s.Targets != nil {
		return s.Targets
	}
	return []string{"15.0", "16.0", "17.0"}
}

func (s *Server) create(w http.ResponseWriter, v url.Values) {
	var fs []failure
	for _, k := range []string{"contract", "email", "target", "aim", "filename"} {
		if v.Get(k) == "" {
			fs = append(fs, fail(strings.ToUpper(k)+":MISSING", fmt.Sprintf("Missing parameter %q", k)))
		}
	}
	if t := v.Get("target"); t != "" && !contains(s.targets(), t) {
		fs = append(fs, fail("TARGET:INVALID", fmt.Sprintf("Invalid value %q", t), "value", t, "expected", s.targets()))
	}
	if a := v.Get("aim"); a != "" && a != "test" && a != "production" {
		fs = append(fs, fail("AIM:INVALID", fmt.Sprintf("Invalid value %q", a), "value", a, "expected", []string{"test", "production"}))
	}
	if c := v.Get("contract"); c != "" && s.Contracts != nil && !contains(s.Contracts, c) {
		fs = append(fs, fail("CONTRACT:NOT_FOUND", "Can not find contract "+c, "code", c))
	}
	if len(fs) > 0 {
		reply(w, fs, nil)
		return
	}
	s.mu.Lock()
	id := s.nextID
	s.nextID++
	req := &request{id: id, key: Key(id), contract: v.Get("contract"), email: v.Get("email"), target: v.Get("target"),
		aim: v.Get("aim"), file: v.Get("filename"), state: "draft", created: time.Date(2025, 9, 9, 7, 13, 49, 0, time.UTC)}
	if tz := v.Get("timezone"); tz != "" {
		req.timezone = &tz
	}
	s.requests[id] = req
	out := s.describe(req)
	s.mu.Unlock()
	reply(w, nil, out)
}

// lookup finds a request by id and key, or writes the failure.
func (s *Server) lookup(w http.ResponseWriter, v url.Values) *request {
	id, err := strconv.Atoi(v.Get("request"))
	s.mu.Lock()
	req := s.requests[id]
	s.mu.Unlock()
	switch {
	case err != nil || req == nil:
		reply(w, []failure{fail("REQUEST:NOT_FOUND", fmt.Sprintf("Can not find request %q", v.Get("request")), "code", v.Get("request"))}, nil)
		return nil
	case v.Get("key") != req.key:
		reply(w, []failure{fail("KEY:INVALID", "Invalid key")}, nil)
		return nil
	}
	return req
}

func (s *Server) upload(w http.ResponseWriter, r *http.Request, rec Recorded) {
	// Only the query string: the body is the dump, never a form.
	v := r.URL.Query()
	h := sha256.New()
	var req *request
	var fs []failure
	if inj, ok := s.injected("upload"); ok {
		n, _ := io.Copy(h, r.Body)
		rec.BodySize, rec.BodySHA256 = n, hex.EncodeToString(h.Sum(nil))
		s.record(rec)
		w.WriteHeader(inj.code)
		io.WriteString(w, inj.body)
		return
	}
	id, _ := strconv.Atoi(v.Get("request"))
	s.mu.Lock()
	req = s.requests[id]
	s.mu.Unlock()
	switch {
	case req == nil:
		fs = append(fs, fail("REQUEST:NOT_FOUND", fmt.Sprintf("Can not find request %q", v.Get("request")), "code", v.Get("request")))
	case v.Get("key") != req.key:
		fs = append(fs, fail("KEY:INVALID", "Invalid key"))
	case req.state != "draft":
		fs = append(fs, fail("STATE:INVALID", "The request is not in draft", "value", req.state, "expected", []string{"draft"}))
	}
	if fs != nil {
		n, _ := io.Copy(h, r.Body)
		rec.BodySize, rec.BodySHA256 = n, hex.EncodeToString(h.Sum(nil))
		s.record(rec)
		reply(w, fs, nil)
		return
	}
	path := filepath.Join(s.Dir, fmt.Sprintf("%d.dump", id))
	f, err := os.Create(path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	bw := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<20)
	var head [5]byte
	n, err := io.CopyBuffer(bw, r.Body, make([]byte, 1<<20))
	if err == nil {
		err = bw.Flush()
	}
	f.Close()
	rec.BodySize, rec.BodySHA256 = n, hex.EncodeToString(h.Sum(nil))
	s.record(rec)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	comp := []string{"sql"}
	if hf, err := os.Open(path); err == nil {
		io.ReadFull(hf, head[:])
		hf.Close()
		if string(head[:]) == "PGDMP" {
			comp = []string{"pgdmp_custom", "sql"}
		}
	}
	s.mu.Lock()
	req.dump, req.size, req.compressions = path, n, comp
	s.mu.Unlock()
	reply(w, nil, nil)
}

func (s *Server) sftpAccess(w http.ResponseWriter, v url.Values, files map[string][]byte) {
	req := s.lookup(w, v)
	if req == nil {
		return
	}
	keys := files["ssh_keys"]
	if keys == nil {
		keys = []byte(v.Get("ssh_keys"))
	}
	if len(bytes.TrimSpace(keys)) == 0 {
		reply(w, []failure{fail("SSH_KEYS:MISSING", "Missing parameter \"ssh_keys\"")}, nil)
		return
	}
	s.mu.Lock()
	state := req.state
	req.sshKeys = keys
	s.mu.Unlock()
	if state != "draft" && state != "done" && state != "delivered" {
		reply(w, []failure{fail("STATE:INVALID", "SFTP access needs state draft (upload) or done (download)",
			"value", state, "expected", []string{"draft", "done"})}, nil)
		return
	}
	host, port := "127.0.0.1", 2200
	if s.SFTP != nil {
		host, port = s.SFTP(req.id, keys)
	}
	user := fmt.Sprintf("user_%d", req.id)
	reply(w, nil, ordered{
		{"hostname", host}, {"sftp_port", port}, {"sftp_user", user}, {"shared_file", req.file}, {"request_id", req.id},
		{"sample_command", fmt.Sprintf("sftp -P %d %s@%s", port, user, host)},
	})
}

func (s *Server) simple(w http.ResponseWriter, endpoint string, v url.Values) {
	req := s.lookup(w, v)
	if req == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	polls := s.Polls
	if polls == 0 {
		polls = 2
	}
	var fs []failure
	switch endpoint {
	case "process":
		switch {
		case req.dump == "":
			fs = append(fs, fail("DUMP:MISSING", "No database dump was uploaded"))
		case req.state != "draft":
			fs = append(fs, fail("STATE:INVALID", "The request is not in draft", "value", req.state, "expected", []string{"draft"}))
		default:
			req.state = "pending"
		}
	case "skip_test":
		if req.state == "draft" || req.state == "failed" {
			fs = append(fs, fail("STATE:INVALID", "The request is not processed", "value", req.state,
				"expected", []string{"pending", "progress", "done"}))
		} else {
			req.state = "delivered"
		}
	case "status":
		if req.state == "pending" || req.state == "progress" {
			req.polls++
			switch {
			case req.polls >= 2*polls && s.FailUpgrade != "":
				req.state = "failed"
			case req.polls >= 2*polls:
				req.state = "done"
			case req.polls >= polls:
				req.state = "progress"
			}
		}
		reply(w, nil, s.describe(req))
		return
	}
	reply(w, fs, nil)
}

// describe is the documented request dictionary, keys in the documents' order.
func (s *Server) describe(req *request) ordered {
	base := fmt.Sprintf("%s/database/eu1/%d/%s/", s.URL, req.id, req.key)
	var tz, notes, origSQL, origDump, upSQL, upDump, modules, size, processed, msg, pg any
	comp := []string{}
	elapsed, filestore := "00:00", false
	if req.timezone != nil {
		tz = *req.timezone
	}
	if req.dump != "" {
		origSQL, origDump, size, comp, pg = base+"original/sql", base+"original/archive", humanSize(req.size), req.compressions, "15"
	}
	if req.state != "draft" {
		processed = req.created.Add(time.Minute).Format("2006-01-02 15:04:05")
	}
	if req.state == "done" || req.state == "delivered" {
		upSQL, upDump, modules, notes = base+"upgraded/sql", base+"upgraded/archive", base+"modules/archive", base+"upgraded/notes"
		elapsed, filestore = "00:12", true
	}
	if req.state == "failed" {
		msg = s.FailUpgrade
	}
	return ordered{
		{"id", req.id}, {"key", req.key}, {"email", req.email}, {"target", req.target}, {"aim", req.aim},
		{"filename", req.file}, {"timezone", tz}, {"state", req.state}, {"issue_stage", "new"}, {"issue", 648398 + req.id - 10534},
		{"status_url", base + "status"}, {"notes_url", notes}, {"original_sql_url", origSQL}, {"original_dump_url", origDump},
		{"upgraded_sql_url", upSQL}, {"upgraded_dump_url", upDump}, {"modules_url", modules},
		{"filesize", size}, {"database_uuid", nil}, {"created_at", req.created.Format("2006-01-02 15:04:05")},
		{"estimated_time", nil}, {"processed_at", processed}, {"elapsed", elapsed}, {"filestore", filestore},
		{"customer_message", msg}, {"database_version", nil}, {"postgresql", pg}, {"compressions", comp},
	}
}

// ordered is a JSON object that keeps its keys in order.
type ordered []struct {
	k string
	v any
}

func (o ordered) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(kv.k)
		v, err := json.Marshal(kv.v)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// humanSize writes a size as the platform's sample does ("912.99 Kb").
func humanSize(n int64) string {
	units := []string{"b", "Kb", "Mb", "Gb", "Tb"}
	f := float64(n)
	i := 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	return fmt.Sprintf("%.2f %s", f, units[i])
}

// download serves /database/<region>/<id>/<key>/<what>, with Range.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/database/"), "/")
	if len(parts) < 4 {
		http.NotFound(w, r)
		return
	}
	id, _ := strconv.Atoi(parts[1])
	what := strings.Join(parts[3:], "/")
	s.mu.Lock()
	req := s.requests[id]
	s.mu.Unlock()
	if req == nil || parts[2] != req.key {
		http.NotFound(w, r)
		return
	}
	if inj, ok := s.injected("download"); ok {
		w.WriteHeader(inj.code)
		io.WriteString(w, inj.body)
		return
	}
	s.mu.Lock()
	state, dump := req.state, req.dump
	ready := state == "done" || state == "delivered"
	s.mu.Unlock()
	var content io.ReadSeeker
	name := what
	switch what {
	case "original/sql", "original/archive":
		f, err := os.Open(dump)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		content = f
	case "upgraded/archive":
		if !ready {
			http.NotFound(w, r)
			return
		}
		data := s.Upgraded
		if data == nil {
			data = UpgradedData()
		}
		content, name = bytes.NewReader(data), "upgraded.zip"
	case "upgraded/sql":
		if !ready {
			http.NotFound(w, r)
			return
		}
		content = strings.NewReader("-- upgraded dump of request " + strconv.Itoa(id) + "\nSELECT 1;\n")
	case "upgraded/notes":
		content = strings.NewReader("Upgrade notes for request " + strconv.Itoa(id) + "\n")
	case "modules/archive":
		content = bytes.NewReader([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	default:
		http.NotFound(w, r)
		return
	}
	w.Header().Set("ETag", `"`+strconv.Itoa(id)+"-"+strings.ReplaceAll(what, "/", "-")+`"`)
	s.mu.Lock()
	var cut, stall int64 = -1, -1
	if len(s.cuts) > 0 {
		cut, s.cuts = s.cuts[0], s.cuts[1:]
	} else if len(s.stalls) > 0 {
		stall, s.stalls = s.stalls[0], s.stalls[1:]
	}
	s.mu.Unlock()
	if cut >= 0 {
		w = &cutWriter{ResponseWriter: w, left: cut}
	}
	if stall >= 0 {
		w = &cutWriter{ResponseWriter: w, left: stall, stall: r.Context().Done()}
	}
	http.ServeContent(w, r, name, time.Date(2025, 9, 9, 8, 0, 0, 0, time.UTC), content)
	if cw, ok := w.(*cutWriter); ok && cw.cut {
		// Drop the connection mid-body, as a broken network would.
		if hj, ok := cw.ResponseWriter.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
			}
		}
	}
}

// cutWriter passes n body bytes, then swallows the rest; with stall set,
// it first waits there until stall is closed (the client went away).
type cutWriter struct {
	http.ResponseWriter
	left  int64
	cut   bool
	stall <-chan struct{}
}

func (c *cutWriter) Write(p []byte) (int, error) {
	if c.cut {
		return 0, io.ErrClosedPipe
	}
	if int64(len(p)) > c.left {
		n, _ := c.ResponseWriter.Write(p[:c.left])
		c.left -= int64(n)
		c.cut = true
		if f, ok := c.ResponseWriter.(http.Flusher); ok {
			f.Flush()
		}
		if c.stall != nil {
			<-c.stall
		}
		return n, io.ErrClosedPipe
	}
	n, err := c.ResponseWriter.Write(p)
	c.left -= int64(n)
	return n, err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
