package upgradeapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// What names a file the platform offers for download, by the status key
// holding its URL.
var What = map[string]string{
	"upgraded-archive": "upgraded_dump_url",
	"upgraded-sql":     "upgraded_sql_url",
	"original-archive": "original_dump_url",
	"original-sql":     "original_sql_url",
	"modules":          "modules_url",
	"notes":            "notes_url",
}

// WhatNames lists the accepted --what values, for messages.
const WhatNames = "upgraded-archive, upgraded-sql, original-archive, original-sql, modules or notes"

func (i *Info) urlFor(what string) string {
	switch what {
	case "upgraded-archive":
		return i.UpgradedDumpURL
	case "upgraded-sql":
		return i.UpgradedSQLURL
	case "original-archive":
		return i.OriginalDumpURL
	case "original-sql":
		return i.OriginalSQLURL
	case "modules":
		return i.ModulesURL
	case "notes":
		return i.NotesURL
	}
	return ""
}

// DefaultDownloadName is the file a download goes to without -o: the
// archives are zips (a dump.sql and a filestore/), the SQL streams plain
// SQL; the notes' format is not documented, so they get no extension.
func DefaultDownloadName(what, request string) string {
	ext := map[string]string{"upgraded-archive": ".zip", "original-archive": ".zip", "modules": ".zip",
		"upgraded-sql": ".sql", "original-sql": ".sql"}[what]
	return strings.ReplaceAll(what, "-", "_") + "_" + request + ext
}

// DownloadOptions configure Download.
type DownloadOptions struct {
	What    string // a key of What
	Output  string // destination; DefaultDownloadName when empty
	Force   bool   // replace an existing destination
	Retries int    // attempts after the first when the transfer breaks
	// StallTimeout ends an attempt on which no byte has arrived for that
	// long (before the answer, or in the middle of the body), so that a
	// server that stops sending without closing does not hang the
	// download: it resumes as from a broken transfer. 0: wait forever.
	StallTimeout time.Duration
}

// DownloadInfo describes a finished download.
type DownloadInfo struct {
	What        string `json:"what,omitempty"`
	URL         string `json:"url"` // key masked
	Path        string `json:"path"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	ResumedFrom int64  `json:"resumed_from"`
	Attempts    int    `json:"attempts"`
}

// Download asks status for the file's URL, then fetches it (see Fetch).
// The status call's result comes back even when the download fails.
func (c *Client) Download(ctx context.Context, cr Credentials, opts DownloadOptions) (*Result, *Output, error) {
	if _, ok := What[opts.What]; !ok {
		return nil, nil, usageErr(fmt.Errorf("--what %q: want %s", opts.What, WhatNames))
	}
	if opts.Output == "" {
		opts.Output = DefaultDownloadName(opts.What, cr.Request)
	}
	if err := checkDestination(opts.Output, opts.Force); err != nil {
		return nil, nil, err
	}
	st, err := c.Status(ctx, cr)
	if err != nil {
		return nil, nil, err
	}
	if err := st.Err(); err != nil {
		return st, nil, err
	}
	info := st.Response.Request
	if info == nil {
		return st, nil, serverErr(errors.New("status: the answer has no request"))
	}
	raw := info.urlFor(opts.What)
	if raw == "" {
		return st, nil, platformErr(fmt.Errorf("status has no %s yet (request state %q): the upgraded files are ready in state done or delivered",
			What[opts.What], info.State))
	}
	u, err := c.base.Parse(raw) // a relative URL is the platform's own
	if err != nil {
		return st, nil, serverErr(fmt.Errorf("status: %s %q: %w", What[opts.What], mask(raw, cr.Key), err))
	}
	out, err := c.Fetch(ctx, u.String(), opts.Output, cr.Key, opts)
	if out != nil && out.Download != nil {
		out.Download.What = opts.What
	}
	return st, out, err
}

// checkDestination refuses to replace a file unless asked to.
func checkDestination(path string, force bool) error {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fileErr(fmt.Errorf("-o %s: %w", path, err))
	case st.IsDir():
		return fileErr(fmt.Errorf("-o %s: is a directory", path))
	case !force:
		return fileErr(fmt.Errorf("-o %s: exists; remove it or pass --force", path))
	}
	return nil
}

// partMeta is the sidecar of a partial download (<out>.part.json): which
// URL it comes from and the validator that makes a resumed range safe.
type partMeta struct {
	Source       string `json:"source"` // sha256 of the URL: the key stays out of the file
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	Total        int64  `json:"total"` // -1: unknown
}

// ParsePartMeta reads a sidecar. Any problem means "start over", so the
// caller only needs to know whether it is usable.
func ParsePartMeta(b []byte) (partMeta, error) {
	var m partMeta
	if err := json.Unmarshal(b, &m); err != nil {
		return partMeta{}, fmt.Errorf("partial download metadata: %w", err)
	}
	if len(m.Source) != 64 || strings.Trim(m.Source, "0123456789abcdef") != "" {
		return partMeta{}, errors.New("partial download metadata: bad source")
	}
	if m.Total < -1 {
		return partMeta{}, errors.New("partial download metadata: bad total")
	}
	return m, nil
}

func sourceID(u string) string {
	h := sha256.Sum256([]byte(u))
	return hex.EncodeToString(h[:])
}

// ParseContentRange reads "bytes first-last/complete" (complete may be
// "*") and "bytes */complete" (the answer to an unsatisfiable range, where
// first and last are -1). complete is -1 when unknown.
func ParseContentRange(s string) (first, last, complete int64, err error) {
	bad := func() (int64, int64, int64, error) {
		return 0, 0, 0, fmt.Errorf("Content-Range %q: want bytes first-last/complete", s)
	}
	unit, spec, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok || !strings.EqualFold(unit, "bytes") {
		return bad()
	}
	rng, size, ok := strings.Cut(strings.TrimSpace(spec), "/")
	if !ok {
		return bad()
	}
	complete = -1
	if size != "*" {
		if complete, err = digits(size); err != nil {
			return bad()
		}
	}
	if rng == "*" {
		if complete < 0 {
			return bad()
		}
		return -1, -1, complete, nil
	}
	a, b, ok := strings.Cut(rng, "-")
	if !ok {
		return bad()
	}
	if first, err = digits(a); err != nil {
		return bad()
	}
	if last, err = digits(b); err != nil || last < first || (complete >= 0 && last >= complete) {
		return bad()
	}
	return first, last, complete, nil
}

func digits(s string) (int64, error) {
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, errors.New("not digits")
	}
	return strconv.ParseInt(s, 10, 64)
}

// Fetch downloads rawURL to dest through dest.part, resuming with Range:
// a partial file left by an earlier attempt or an earlier run continues
// where it stopped when the server still offers the same file (same URL,
// If-Range on its ETag or Last-Modified). A broken transfer is retried
// opts.Retries times with back-off; the partial file stays for a later
// run when they are exhausted. dest appears only once complete.
func (c *Client) Fetch(ctx context.Context, rawURL, dest, key string, opts DownloadOptions) (*Output, error) {
	if err := checkDestination(dest, opts.Force); err != nil {
		return nil, err
	}
	f := &fetcher{c: c, url: rawURL, key: key, dest: dest, part: dest + ".part", meta: dest + ".part.json", src: sourceID(rawURL),
		stall: opts.StallTimeout}
	out := &Output{}
	delay := time.Second
	var resumedFrom int64 = -1
	for attempt := 0; ; attempt++ {
		done, err := f.attempt(ctx, out)
		if resumedFrom < 0 {
			resumedFrom = f.startedAt
		}
		if err == nil && done {
			info, err := f.finish()
			if err != nil {
				return out, err
			}
			info.ResumedFrom = resumedFrom
			info.Attempts = attempt + 1
			out.Download = info
			return out, nil
		}
		if err == nil { // start again from zero, as the server's answer asks
			if attempt >= opts.Retries+1 {
				return out, serverErr(fmt.Errorf("GET %s: the server keeps answering ranges that do not match the partial file", maskURL(rawURL, key)))
			}
			continue
		}
		if !isTransient(err) || attempt >= opts.Retries {
			if size := fileSize(f.part); size > 0 && isTransient(err) {
				err = fmt.Errorf("%w (%d bytes kept in %s: run the same command again to resume)", err, size, f.part)
			}
			return out, err
		}
		c.Log.Warn("download interrupted, resuming", "url", maskURL(rawURL, key), "attempt", attempt+1, "error", mask(err.Error(), key))
		if err := c.Clock.Sleep(ctx, delay); err != nil {
			return out, err
		}
		delay = min(delay*2, 30*time.Second)
	}
}

type fetcher struct {
	c                     *Client
	url, key              string
	dest, part, meta, src string
	startedAt             int64
	total                 int64
	stall                 time.Duration
}

// errStalled ends an attempt that received nothing for StallTimeout.
var errStalled = errors.New("no data")

// stallReader re-arms the stall watchdog at every byte received.
type stallReader struct {
	r     io.Reader
	timer *time.Timer
	d     time.Duration
}

func (s *stallReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if n > 0 {
		s.timer.Reset(s.d)
	}
	return n, err
}

func fileSize(p string) int64 {
	st, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return st.Size()
}

// attempt makes one request. done is true when the part file is complete;
// false with no error means "start again from zero".
func (f *fetcher) attempt(ctx context.Context, out *Output) (done bool, err error) {
	offset := fileSize(f.part)
	var m partMeta
	if b, err := os.ReadFile(f.meta); err == nil {
		if pm, perr := ParsePartMeta(b); perr == nil && pm.Source == f.src {
			m = pm
		} else {
			offset = 0 // another file's remains, or unreadable: start over
		}
	} else if offset > 0 {
		offset = 0 // a part without its metadata is not known to be this file
	}
	f.startedAt = offset
	actx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var watchdog *time.Timer
	if f.stall > 0 {
		watchdog = time.AfterFunc(f.stall, func() { cancel(errStalled) })
		defer watchdog.Stop()
	}
	stalled := func(at int64) error {
		return serverErr(fmt.Errorf("GET %s: %w for %s after %d bytes (--stall-timeout): %w", maskURL(f.url, f.key), errStalled, f.stall, at, errTruncated))
	}
	req, err := http.NewRequestWithContext(actx, http.MethodGet, f.url, nil)
	if err != nil {
		return false, serverErr(fmt.Errorf("GET %s: %s", maskURL(f.url, f.key), mask(err.Error(), f.key)))
	}
	if offset > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(offset, 10)+"-")
		if m.ETag != "" && !strings.HasPrefix(m.ETag, "W/") {
			req.Header.Set("If-Range", m.ETag)
		} else if m.LastModified != "" {
			req.Header.Set("If-Range", m.LastModified)
		}
	}
	// No transparent gzip: byte offsets must be those of the file.
	req.Header.Set("Accept-Encoding", "identity")
	rec := f.c.trace(req)
	if rec != nil {
		req = req.WithContext(withTrace(req.Context(), rec))
	}
	masked := maskURL(f.url, f.key)
	f.c.Log.Debug("download", "url", masked, "offset", offset)
	resp, err := f.c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		if errors.Is(context.Cause(actx), errStalled) {
			return false, stalled(offset)
		}
		return false, serverErr(fmt.Errorf("GET %s: %s", masked, mask(err.Error(), f.key)))
	}
	defer resp.Body.Close()
	var body io.Reader = resp.Body
	if watchdog != nil {
		watchdog.Reset(f.stall)
		body = &stallReader{r: resp.Body, timer: watchdog, d: f.stall}
	}
	out.Code, out.Reason = resp.StatusCode, reasonPhrase(resp.StatusCode)

	var total int64 = -1
	switch resp.StatusCode {
	case http.StatusOK:
		offset = 0
		total = resp.ContentLength
	case http.StatusPartialContent:
		first, _, complete, err := ParseContentRange(resp.Header.Get("Content-Range"))
		if err != nil {
			return false, serverErr(fmt.Errorf("GET %s: %w", masked, err))
		}
		if first != offset {
			f.reset()
			return false, nil
		}
		total = complete
	case http.StatusRequestedRangeNotSatisfiable:
		if offset == 0 {
			return false, &Error{ExitPlatform, &StatusError{resp.StatusCode, reasonPhrase(resp.StatusCode), masked}}
		}
		_, _, complete, err := ParseContentRange(resp.Header.Get("Content-Range"))
		if err == nil && complete == offset {
			f.total = complete
			return true, nil // the part already holds the whole file
		}
		f.reset()
		return false, nil
	default:
		return false, &Error{codeForStatus(resp.StatusCode), &StatusError{resp.StatusCode, reasonPhrase(resp.StatusCode), masked}}
	}
	f.total = total

	m = partMeta{Source: f.src, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), Total: total}
	if err := writeMeta(f.meta, m); err != nil {
		return false, err
	}
	flags := os.O_WRONLY | os.O_CREATE
	if offset == 0 {
		flags |= os.O_TRUNC
	}
	file, err := os.OpenFile(f.part, flags, 0o600)
	if err != nil {
		return false, fileErr(fmt.Errorf("-o: %w", err))
	}
	if _, err := file.Seek(offset, io.SeekStart); err != nil {
		file.Close()
		return false, fileErr(fmt.Errorf("-o: %w", err))
	}
	f.startedAt = offset
	meter := f.c.meter("download "+filepath.Base(f.dest), total)
	meter.Set(offset)
	n, cerr := copyMetered(file, body, meter, offset)
	meter.Done()
	serr := file.Sync()
	if err := file.Close(); err != nil && serr == nil {
		serr = err
	}
	if rec != nil {
		out.Curl = rec.info(req, resp, masked, 0, n)
	}
	if cerr != nil {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		var we *writeError
		if errors.As(cerr, &we) {
			return false, fileErr(fmt.Errorf("write %s: %w", f.part, we.err))
		}
		if errors.Is(context.Cause(actx), errStalled) {
			return false, stalled(offset + n)
		}
		return false, serverErr(fmt.Errorf("GET %s: after %d bytes: %w: %s", masked, offset+n, errTruncated, mask(cerr.Error(), f.key)))
	}
	if serr != nil {
		return false, fileErr(fmt.Errorf("write %s: %w", f.part, serr))
	}
	if total >= 0 && offset+n != total {
		return false, serverErr(fmt.Errorf("GET %s: %d of %d bytes: %w", masked, offset+n, total, errTruncated))
	}
	return true, nil
}

// reset drops a partial download the server no longer matches.
func (f *fetcher) reset() {
	os.Remove(f.part)
	os.Remove(f.meta)
}

// finish moves the complete part into place and hashes it.
func (f *fetcher) finish() (*DownloadInfo, error) {
	size := fileSize(f.part)
	if f.total >= 0 && size != f.total {
		return nil, serverErr(fmt.Errorf("download: %s has %d bytes, the server announced %d", f.part, size, f.total))
	}
	if err := os.Rename(f.part, f.dest); err != nil {
		return nil, fileErr(fmt.Errorf("-o %s: %w", f.dest, err))
	}
	os.Remove(f.meta)
	syncDir(filepath.Dir(f.dest))
	sum, err := fileSHA256(f.dest)
	if err != nil {
		return nil, fileErr(err)
	}
	return &DownloadInfo{URL: maskURL(f.url, f.key), Path: f.dest, Size: size, SHA256: sum}, nil
}

func fileSHA256(path string) (string, error) {
	file, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("hash %s: %w", path, err)
	}
	defer file.Close()
	h := sha256.New()
	if _, err := io.CopyBuffer(h, file, make([]byte, copyBuffer)); err != nil {
		return "", fmt.Errorf("hash %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func writeMeta(path string, m partMeta) error {
	b, _ := json.Marshal(m)
	if err := os.WriteFile(path, append(b, '\n'), 0o600); err != nil {
		return fileErr(fmt.Errorf("-o: %w", err))
	}
	return nil
}

// writeError tells a failed write to disk from a failed read of the body.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }

// copyMetered copies in large chunks, reporting progress from base.
func copyMetered(dst io.Writer, src io.Reader, meter Meter, base int64) (int64, error) {
	buf := make([]byte, copyBuffer)
	var n int64
	for {
		r, rerr := src.Read(buf)
		if r > 0 {
			w, werr := dst.Write(buf[:r])
			n += int64(w)
			meter.Set(base + n)
			if werr != nil {
				return n, &writeError{werr}
			}
		}
		if rerr == io.EOF {
			return n, nil
		}
		if rerr != nil {
			return n, rerr
		}
	}
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
