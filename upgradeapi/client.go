package upgradeapi

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// DefaultURL is the platform's address; --url points the client at
// another one (Flectra's, a self-hosted server).
const DefaultURL = "https://upgrade.odoo.com"

// maxAnswer bounds an API answer held in memory: answers are small JSON
// dictionaries, so anything bigger is not the API talking.
const maxAnswer = 16 << 20

// copyBuffer is the chunk size of uploads and downloads: large enough for
// few system calls, small enough that memory stays flat.
const copyBuffer = 1 << 20

// Client talks to one upgrade platform.
type Client struct {
	base *url.URL
	http *http.Client

	// Verbose fills Result.Curl with the transfer's details.
	Verbose bool
	// Meter shows transfer progress; nil keeps transfers quiet.
	Meter func(label string, total int64) Meter
	// Notice receives one line per state change while waiting; nil: silent.
	Notice io.Writer
	// Log receives debug logs; URLs and parameters are masked.
	Log *slog.Logger
	// Clock is the time source of waits and retries; tests replace it.
	Clock Clock
}

// Options configure NewClient.
type Options struct {
	// Insecure skips TLS certificate checks, for a self-hosted server
	// with a self-signed certificate.
	Insecure bool
}

// NewClient checks baseURL (an http or https URL, optionally with a path
// prefix) and returns a client for it.
func NewClient(baseURL string, opts Options) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, usageErr(fmt.Errorf("--url %q: want an http or https URL such as %s", baseURL, DefaultURL))
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.WriteBufferSize = 256 << 10
	tr.ReadBufferSize = 256 << 10
	if opts.Insecure {
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // asked for with --insecure
	}
	return &Client{
		base:  u,
		http:  &http.Client{Transport: tr},
		Log:   slog.New(slog.DiscardHandler),
		Clock: realClock{},
	}, nil
}

// BaseURL is the platform address the client talks to.
func (c *Client) BaseURL() string { return c.base.String() }

// Credentials name a request: its id and its private key, both returned
// by create.
type Credentials struct {
	Request string
	Key     string
}

// Validate checks both are present and well-formed, naming the flag.
func (cr Credentials) Validate() error {
	if cr.Request == "" {
		return usageErr(errors.New("--request is required (or --state FILE)"))
	}
	if _, err := Flex(cr.Request).Int(); err != nil || cr.Request[0] == '+' {
		return usageErr(fmt.Errorf("--request %q: want the request id, a number", cr.Request))
	}
	if cr.Key == "" {
		return usageErr(errors.New("--key is required (or --state FILE)"))
	}
	if strings.IndexFunc(cr.Key, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
		return usageErr(errors.New("--key: contains a space or a control character"))
	}
	return nil
}

func (cr Credentials) values() url.Values {
	return url.Values{"key": {cr.Key}, "request": {cr.Request}}
}

// Result is one API call: its HTTP status, the answer as returned and,
// when it decodes, the answer's failures and request.
type Result struct {
	Endpoint  string
	Code      int
	Reason    string
	Body      []byte    // the answer exactly as the platform sent it
	Response  *Response // nil when Body is not an API answer
	Curl      *CurlInfo // nil unless Client.Verbose
	decodeErr error
	key       string // masked wherever it would show
}

// Err is the outcome of the call as an error with its exit code: HTTP
// 4xx or failures give 1, HTTP 5xx or an answer that is not the API's 2.
func (r *Result) Err() error {
	if code := codeForStatus(r.Code); code != ExitOK {
		msg := fmt.Sprintf("%s: HTTP %d %s", r.Endpoint, r.Code, r.Reason)
		if r.Response != nil && len(r.Response.Failures) > 0 {
			msg += ": " + failureList(r.Response.Failures)
		}
		return &Error{code, errors.New(msg)}
	}
	if r.Response == nil {
		return serverErr(fmt.Errorf("%s: HTTP %d but the answer is not the API's JSON: %v", r.Endpoint, r.Code, r.decodeErr))
	}
	if len(r.Response.Failures) > 0 {
		return platformErr(fmt.Errorf("%s: the platform reported %s", r.Endpoint, failureList(r.Response.Failures)))
	}
	return nil
}

func failureList(fs []Failure) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.String()
	}
	noun := "failure"
	if len(fs) > 1 {
		noun = "failures"
	}
	return fmt.Sprintf("%d %s: %s", len(fs), noun, strings.Join(parts, "; "))
}

// CreateParams are create's parameters.
type CreateParams struct {
	Contract string
	Email    string
	Target   string
	Aim      string
	Filename string
	Timezone string // optional, for source versions before 6.1
}

// Validate checks the parameters before any request: all are present,
// aim is test or production, the email looks like an address and the
// timezone is an IANA name. The target is the server's to check: the
// valid versions change over time.
func (p CreateParams) Validate() error {
	for _, f := range []struct{ flag, v string }{
		{"contract", p.Contract}, {"email", p.Email}, {"target", p.Target}, {"aim", p.Aim}, {"filename", p.Filename},
	} {
		if strings.TrimSpace(f.v) == "" {
			return usageErr(fmt.Errorf("--%s is required", f.flag))
		}
	}
	if p.Aim != "test" && p.Aim != "production" {
		return usageErr(fmt.Errorf("--aim %q: want test or production", p.Aim))
	}
	if err := ValidateEmail(p.Email); err != nil {
		return err
	}
	if p.Timezone != "" && !IsTimezone(p.Timezone) {
		return TimezoneError(p.Timezone)
	}
	return nil
}

// Create sends create. The answer's request holds the id and the key
// every later call needs.
func (c *Client) Create(ctx context.Context, p CreateParams) (*Result, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	v := url.Values{"contract": {p.Contract}, "email": {p.Email}, "target": {p.Target}, "aim": {p.Aim}, "filename": {p.Filename}}
	if p.Timezone != "" {
		v.Set("timezone", p.Timezone)
	}
	return c.form(ctx, EndpointCreate, v, "")
}

// Process sends process: the platform starts upgrading the uploaded dump.
func (c *Client) Process(ctx context.Context, cr Credentials) (*Result, error) {
	return c.credCall(ctx, EndpointProcess, cr)
}

// SkipTest sends skip_test: the platform skips its tests, delivers the
// upgraded dump and sets the state to delivered.
func (c *Client) SkipTest(ctx context.Context, cr Credentials) (*Result, error) {
	return c.credCall(ctx, EndpointSkipTest, cr)
}

// Status sends status.
func (c *Client) Status(ctx context.Context, cr Credentials) (*Result, error) {
	return c.credCall(ctx, EndpointStatus, cr)
}

func (c *Client) credCall(ctx context.Context, endpoint string, cr Credentials) (*Result, error) {
	if err := cr.Validate(); err != nil {
		return nil, err
	}
	return c.form(ctx, endpoint, cr.values(), cr.Key)
}

// form POSTs the parameters as a urlencoded body, as the odoo_upgrade CLI
// does: unlike a query string, a body keeps the key out of access logs.
func (c *Client) form(ctx context.Context, endpoint string, v url.Values, key string) (*Result, error) {
	body := v.Encode()
	return c.call(ctx, endpoint, nil, strings.NewReader(body), int64(len(body)), "application/x-www-form-urlencoded", key)
}

// Upload streams the dump as the request body (application/octet-stream,
// with its length), the key and the request id in the query string as the
// documents show. Memory stays flat whatever the size.
func (c *Client) Upload(ctx context.Context, cr Credentials, dumpPath string) (*Result, error) {
	if err := cr.Validate(); err != nil {
		return nil, err
	}
	f, size, err := openRegular(dumpPath, "--dbdump")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	body := &meteredReader{r: f, meter: c.meter("upload "+filepath.Base(dumpPath), size)}
	res, err := c.call(ctx, EndpointUpload, cr.values(), body, size, "application/octet-stream", cr.Key)
	body.meter.Done()
	return res, err
}

// MaxSSHKeys bounds the authorized_keys file request_sftp_access sends.
const MaxSSHKeys = 1 << 20

// RequestSFTPAccess sends request_sftp_access with the public keys in
// authorized_keys form as the multipart file part "ssh_keys" (as curl -F
// ssh_keys=@file does). name is the file name the part carries.
func (c *Client) RequestSFTPAccess(ctx context.Context, cr Credentials, name string, keys []byte) (*Result, error) {
	if err := cr.Validate(); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="ssh_keys"; filename=%q`, filepath.Base(name)))
	h.Set("Content-Type", "text/plain")
	pw, err := mw.CreatePart(h)
	if err == nil {
		_, err = pw.Write(keys)
	}
	if err == nil {
		err = mw.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("request_sftp_access: build the form: %w", err)
	}
	return c.call(ctx, EndpointRequestSFTPAccess, cr.values(), &b, int64(b.Len()), mw.FormDataContentType(), cr.Key)
}

// endpointURL is <base>/database/v1/<endpoint>[?query].
func (c *Client) endpointURL(endpoint string, query url.Values) string {
	u := *c.base
	u.Path = strings.TrimRight(u.Path, "/") + "/database/v1/" + endpoint
	u.RawPath = ""
	if query != nil {
		u.RawQuery = query.Encode()
	}
	return u.String()
}

// call POSTs one request and reads the answer.
func (c *Client) call(ctx context.Context, endpoint string, query url.Values, body io.Reader, size int64, contentType, key string) (*Result, error) {
	target := c.endpointURL(endpoint, query)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", endpoint, err)
	}
	req.ContentLength = size
	if size == 0 {
		req.Body = http.NoBody
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Accept", "application/json")
	rec := c.trace(req)
	if rec != nil {
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), rec.trace()))
	}
	c.Log.Debug("upgrade request", "endpoint", endpoint, "url", maskURL(target, key))
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", endpoint, ctx.Err())
		}
		return nil, serverErr(fmt.Errorf("%s: %s", endpoint, mask(err.Error(), key)))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	if err != nil {
		return nil, serverErr(fmt.Errorf("%s: read the answer: %s", endpoint, mask(err.Error(), key)))
	}
	if len(raw) > maxAnswer {
		return nil, serverErr(fmt.Errorf("%s: the answer is over %d bytes: not the API's", endpoint, maxAnswer))
	}
	res := &Result{Endpoint: endpoint, Code: resp.StatusCode, Reason: reasonPhrase(resp.StatusCode), Body: raw, key: key}
	res.Response, res.decodeErr = DecodeResponse(raw)
	if rec != nil {
		res.Curl = rec.info(req, resp, maskURL(target, key), size, int64(len(raw)))
	}
	c.Log.Debug("upgrade answer", "endpoint", endpoint, "code", resp.StatusCode, "bytes", len(raw))
	return res, nil
}

func withTrace(ctx context.Context, rec *traceRecorder) context.Context {
	return httptrace.WithClientTrace(ctx, rec.trace())
}

func (c *Client) trace(*http.Request) *traceRecorder {
	if !c.Verbose {
		return nil
	}
	return &traceRecorder{start: time.Now()}
}

// reasonPhrase is the standard reason of a status code, as the old CLI
// took it from httplib.responses.
func reasonPhrase(code int) string {
	if s := http.StatusText(code); s != "" {
		return s
	}
	return "Unknown"
}

// DumpName is the base name of a dump, which must be a readable regular
// file (exit 4 otherwise).
func DumpName(path string) (string, error) {
	f, _, err := openRegular(path, "--dbdump")
	if err != nil {
		return "", err
	}
	f.Close()
	return filepath.Base(path), nil
}

// openRegular opens a file to send, with its size; problems are file
// errors (exit 4) naming the flag.
func openRegular(path, flag string) (*os.File, int64, error) {
	if path == "" {
		return nil, 0, usageErr(fmt.Errorf("%s is required", flag))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fileErr(fmt.Errorf("%s: %w", flag, err))
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fileErr(fmt.Errorf("%s: %w", flag, err))
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, 0, fileErr(fmt.Errorf("%s %s: not a regular file", flag, path))
	}
	return f, st.Size(), nil
}

// meteredReader feeds a request body in large chunks and reports progress.
// WriteTo lets the HTTP transport copy without its own small buffer.
type meteredReader struct {
	r     io.Reader
	meter Meter
	done  int64
}

func (m *meteredReader) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	m.add(n)
	return n, err
}

func (m *meteredReader) WriteTo(w io.Writer) (int64, error) {
	buf := make([]byte, copyBuffer)
	var total int64
	for {
		n, rerr := m.r.Read(buf)
		if n > 0 {
			wn, werr := w.Write(buf[:n])
			total += int64(wn)
			m.add(wn)
			if werr != nil {
				return total, werr
			}
		}
		if rerr == io.EOF {
			return total, nil
		}
		if rerr != nil {
			return total, rerr
		}
	}
}

func (m *meteredReader) add(n int) {
	m.done += int64(n)
	m.meter.Set(m.done)
}

// Close is the transport's signal that it is done with the body; the
// caller closes the file.
func (m *meteredReader) Close() error { return nil }

// traceRecorder collects curl_info through httptrace.
type traceRecorder struct {
	start                                    time.Time
	dnsDone, connectDone, tlsDone, firstByte time.Duration
	remote                                   net.Addr
}

func (t *traceRecorder) since() time.Duration { return time.Since(t.start) }

func (t *traceRecorder) trace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		DNSDone:              func(httptrace.DNSDoneInfo) { t.dnsDone = t.since() },
		ConnectDone:          func(string, string, error) { t.connectDone = t.since() },
		TLSHandshakeDone:     func(tls.ConnectionState, error) { t.tlsDone = t.since() },
		GotConn:              func(i httptrace.GotConnInfo) { t.remote = i.Conn.RemoteAddr() },
		GotFirstResponseByte: func() { t.firstByte = t.since() },
	}
}

// CurlInfo is what --verbose reports of one HTTP exchange, named after
// curl's --write-out variables; times are seconds since the call began.
// Fields are in alphabetical order, as the old CLI printed them.
type CurlInfo struct {
	AppConnectTime    float64 `json:"appconnect_time"`
	ConnectTime       float64 `json:"connect_time"`
	ContentType       string  `json:"content_type"`
	EffectiveURL      string  `json:"effective_url"`
	Method            string  `json:"method"`
	NameLookupTime    float64 `json:"namelookup_time"`
	PrimaryIP         string  `json:"primary_ip"`
	PrimaryPort       int     `json:"primary_port"`
	ResponseCode      int     `json:"response_code"`
	SizeDownload      int64   `json:"size_download"`
	SizeUpload        int64   `json:"size_upload"`
	SpeedDownload     int64   `json:"speed_download"` // bytes per second
	SpeedUpload       int64   `json:"speed_upload"`
	StartTransferTime float64 `json:"starttransfer_time"`
	TotalTime         float64 `json:"total_time"`
}

func (t *traceRecorder) info(req *http.Request, resp *http.Response, maskedURL string, sent, received int64) *CurlInfo {
	total := t.since()
	sec := func(d time.Duration) float64 { return d.Round(time.Microsecond).Seconds() }
	ci := &CurlInfo{
		AppConnectTime:    sec(t.tlsDone),
		ConnectTime:       sec(t.connectDone),
		ContentType:       resp.Header.Get("Content-Type"),
		EffectiveURL:      maskedURL,
		Method:            req.Method,
		NameLookupTime:    sec(t.dnsDone),
		ResponseCode:      resp.StatusCode,
		SizeDownload:      received,
		SizeUpload:        sent,
		StartTransferTime: sec(t.firstByte),
		TotalTime:         sec(total),
	}
	if t.remote != nil {
		if host, port, err := net.SplitHostPort(t.remote.String()); err == nil {
			ci.PrimaryIP = host
			ci.PrimaryPort, _ = strconv.Atoi(port)
		}
	}
	// Average speeds over the whole exchange, as curl computes them.
	if s := total.Seconds(); s > 0 {
		ci.SpeedUpload = int64(float64(sent) / s)
		ci.SpeedDownload = int64(float64(received) / s)
	}
	return ci
}

// mask hides the private key in a string, in every form a URL, a form
// body or an error message would carry it.
func mask(s, key string) string {
	if key == "" {
		return s
	}
	for _, k := range []string{key, url.QueryEscape(key), url.PathEscape(key)} {
		s = strings.ReplaceAll(s, k, "***")
	}
	return s
}

// maskURL hides the key in a URL: the key parameter whatever its value,
// and the key wherever else it appears (download URLs carry it in the path).
func maskURL(raw, key string) string {
	if u, err := url.Parse(raw); err == nil && u.RawQuery != "" {
		q := u.Query()
		if q.Has("key") {
			q.Set("key", "KEYMASK")
			u.RawQuery = strings.Replace(q.Encode(), "KEYMASK", "***", 1)
			raw = u.String()
		}
	}
	return mask(raw, key)
}
