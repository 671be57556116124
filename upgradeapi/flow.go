package upgradeapi

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// RunParams configure Run.
type RunParams struct {
	Create   CreateParams // Filename defaults to the dump's base name
	Dump     string
	State    string // the state file; Run resumes from it when it exists
	Download DownloadOptions
	Wait     WaitOptions
}

// Run does the whole flow: create, upload, process, wait, download. Each
// step done is recorded in the state file before the next starts, so a
// run that is interrupted (or fails on a network error) continues where
// it stopped when started again with the same arguments. The output is
// the last status answer with the download's details.
func (c *Client) Run(ctx context.Context, p RunParams) (*Output, error) {
	if p.State == "" {
		return nil, usageErr(errors.New("--state is required"))
	}
	dump, err := filepath.Abs(p.Dump)
	if err != nil || p.Dump == "" {
		return nil, usageErr(errors.New("--dbdump is required"))
	}
	f, _, err := openRegular(dump, "--dbdump")
	if err != nil {
		return nil, err
	}
	f.Close()
	if p.Create.Filename == "" {
		p.Create.Filename = filepath.Base(dump)
	}
	if _, ok := What[p.Download.What]; !ok {
		return nil, usageErr(fmt.Errorf("--what %q: want %s", p.Download.What, WhatNames))
	}

	st, err := LoadState(p.State)
	switch {
	case err == nil:
		if err := st.matches(c.BaseURL(), dump, p.Create); err != nil {
			return nil, err
		}
		c.Log.Info("resuming", "state", p.State, "request", st.Request, "step", st.Step)
	case errors.Is(err, fs.ErrNotExist):
		st = nil
	default:
		return nil, err
	}
	if p.Download.Output == "" {
		req := ""
		if st != nil {
			req = st.Request
		}
		p.Download.Output = st.defaultOutput(p.Download.What, req)
	}

	var last *Result
	if st == nil {
		if err := p.Create.Validate(); err != nil {
			return nil, err
		}
		if p.Download.Output != "" {
			if err := checkDestination(p.Download.Output, p.Download.Force); err != nil {
				return nil, err
			}
		}
		res, err := c.Create(ctx, p.Create)
		if err != nil {
			return nil, err
		}
		if err := res.Err(); err != nil {
			return NewOutput(res), err
		}
		info := res.Response.Request
		if info == nil || info.ID == "" || info.Key == "" {
			return NewOutput(res), serverErr(errors.New("create: the answer has no request id and key"))
		}
		st = &State{URL: c.BaseURL(), Request: string(info.ID), Key: info.Key, Contract: p.Create.Contract,
			Target: p.Create.Target, Aim: p.Create.Aim, Filename: p.Create.Filename, Dump: dump, Output: p.Download.Output, Step: StepCreated}
		if err := SaveState(p.State, st, true); err != nil {
			// The request exists: print its key all the same.
			return NewOutput(res), err
		}
		last = res
	}
	if p.Download.Output == "" {
		p.Download.Output = DefaultDownloadName(p.Download.What, st.Request)
	}
	cr := st.Credentials()
	save := func(step string) error {
		st.Step = step
		return SaveState(p.State, st, false)
	}

	if !st.After(StepUploaded) {
		res, err := c.Upload(ctx, cr, dump)
		if err != nil {
			return nil, err
		}
		if err := res.Err(); err != nil {
			return NewOutput(res), err
		}
		if err := save(StepUploaded); err != nil {
			return NewOutput(res), err
		}
		last = res
	}
	if !st.After(StepProcessing) {
		// Process only from draft: after an interruption between process and
		// the state file, the platform is already past it.
		res, err := c.Status(ctx, cr)
		if err != nil {
			return nil, err
		}
		if err := res.Err(); err != nil {
			return NewOutput(res), err
		}
		if res.Response.Request == nil || res.Response.Request.State == StateDraft {
			if res, err = c.Process(ctx, cr); err != nil {
				return nil, err
			}
			if err := res.Err(); err != nil {
				return NewOutput(res), err
			}
		}
		if err := save(StepProcessing); err != nil {
			return NewOutput(res), err
		}
		last = res
	}
	if !st.After(StepFinished) {
		res, err := c.Wait(ctx, cr, p.Wait)
		if err != nil {
			if res != nil {
				return NewOutput(res), err
			}
			return nil, err
		}
		if err := save(StepFinished); err != nil {
			return NewOutput(res), err
		}
		last = res
	}
	if !st.After(StepDownloaded) {
		res, dl, err := c.Download(ctx, cr, p.Download)
		out := &Output{}
		if res != nil {
			out = NewOutput(res)
		}
		if dl != nil {
			out.Download = dl.Download
		}
		if err != nil {
			return out, err
		}
		st.Output, st.SHA256 = out.Download.Path, out.Download.SHA256
		if err := save(StepDownloaded); err != nil {
			return out, err
		}
		return out, nil
	}
	// Everything was done by an earlier run: report the request as it is.
	if last == nil {
		res, err := c.Status(ctx, cr)
		if err != nil {
			return nil, err
		}
		last = res
	}
	out := NewOutput(last)
	out.Download = &DownloadInfo{What: p.Download.What, Path: st.Output, Size: fileSize(st.Output), SHA256: st.SHA256}
	return out, last.Err()
}

// defaultOutput is the download name an earlier run used, so that a
// resumed run finds its partial file.
func (s *State) defaultOutput(what, request string) string {
	if s != nil && s.Output != "" {
		return s.Output
	}
	if request == "" {
		return ""
	}
	return DefaultDownloadName(what, request)
}

// matches refuses a state file written for another platform, dump or
// request parameters: resuming it would mix two requests.
func (s *State) matches(url, dump string, p CreateParams) error {
	check := func(field, have, want string) error {
		if have != "" && want != "" && have != want {
			return usageErr(fmt.Errorf("state file is for %s %q, not %q: use another --state", field, have, want))
		}
		return nil
	}
	for _, c := range []struct{ field, have, want string }{
		{"--url", s.URL, url}, {"--dbdump", s.Dump, dump}, {"--target", s.Target, p.Target},
		{"--aim", s.Aim, p.Aim}, {"--contract", s.Contract, p.Contract},
	} {
		if err := check(c.field, c.have, c.want); err != nil {
			return err
		}
	}
	if s.Dump == "" {
		return usageErr(errors.New("state file was written by create, not by run: use another --state"))
	}
	if s.Step == StepDownloaded && s.Output != "" {
		if _, err := os.Stat(s.Output); err != nil {
			return fileErr(fmt.Errorf("state file says the result was downloaded to %s: %w", s.Output, err))
		}
	}
	return nil
}
