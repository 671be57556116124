package upgradeapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Steps of `upgrade run`, in order; each is recorded once done.
const (
	StepCreated    = "created"    // create answered with an id and a key
	StepUploaded   = "uploaded"   // the dump was uploaded
	StepProcessing = "processing" // process was sent (or the platform was already past draft)
	StepFinished   = "finished"   // status reached done or delivered
	StepDownloaded = "downloaded" // the upgraded file is in place
)

var stepOrder = map[string]int{"": 0, StepCreated: 1, StepUploaded: 2, StepProcessing: 3, StepFinished: 4, StepDownloaded: 5}

// State is what later commands need to act on a request. The file holds
// the private key, so it is readable by its owner only (mode 0600).
type State struct {
	Version  int    `json:"version"`
	URL      string `json:"url"`
	Request  string `json:"request"`
	Key      string `json:"key"`
	Contract string `json:"contract,omitempty"`
	Target   string `json:"target,omitempty"`
	Aim      string `json:"aim,omitempty"`
	Filename string `json:"filename,omitempty"`
	Dump     string `json:"dump,omitempty"` // absolute path of the dump `run` uploads
	Step     string `json:"step,omitempty"`
	Output   string `json:"output,omitempty"` // where `run` downloaded the result
	SHA256   string `json:"sha256,omitempty"`
}

const stateVersion = 1

// Credentials are the request id and key the state holds.
func (s *State) Credentials() Credentials { return Credentials{Request: s.Request, Key: s.Key} }

// After reports whether the state has reached step.
func (s *State) After(step string) bool { return stepOrder[s.Step] >= stepOrder[step] }

// ParseState decodes and checks a state file's content; name is for
// messages. Unknown keys are refused: a typo in a hand-edited file must
// not silently drop a value.
func ParseState(b []byte, name string) (*State, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s State
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("state file %s: %w", name, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("state file %s: data after the JSON object", name)
	}
	if s.Version != stateVersion {
		return nil, fmt.Errorf("state file %s: version %d, this client reads version %d", name, s.Version, stateVersion)
	}
	if _, err := NewClient(s.URL, Options{}); err != nil {
		return nil, fmt.Errorf("state file %s: url %q is not an http(s) URL", name, s.URL)
	}
	if err := s.Credentials().Validate(); err != nil {
		var e *Error
		errors.As(err, &e)
		return nil, fmt.Errorf("state file %s: request or key: %v", name, e.Err)
	}
	if _, ok := stepOrder[s.Step]; !ok {
		return nil, fmt.Errorf("state file %s: unknown step %q", name, s.Step)
	}
	return &s, nil
}

// LoadState reads a state file; a missing, unreadable or invalid file is
// a file error (exit 4).
func LoadState(path string) (*State, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fileErr(fmt.Errorf("--state: %w", err))
	}
	s, err := ParseState(b, path)
	if err != nil {
		return nil, fileErr(err)
	}
	return s, nil
}

// SaveState writes the state atomically with mode 0600: a temporary file
// in the same directory, synced, then renamed over path, or with create
// set, linked to path only if path does not exist yet (so that a second
// create never replaces the key of the first request).
func SaveState(path string, s *State, create bool) error {
	s.Version = stateVersion
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("state: %w", err)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fileErr(fmt.Errorf("--state %s: %w", path, err))
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(append(b, '\n'))
	if err == nil {
		err = tmp.Chmod(0o600)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		if create {
			err = os.Link(tmp.Name(), path)
		} else {
			err = os.Rename(tmp.Name(), path)
		}
	}
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return usageErr(fmt.Errorf("--state %s: exists already; it may hold another request's key", path))
		}
		return fileErr(fmt.Errorf("--state %s: %w", path, err))
	}
	syncDir(dir)
	return nil
}

// CheckNewState fails early when a state file create would write exists.
func CheckNewState(path string) error {
	if _, err := os.Lstat(path); err == nil {
		return usageErr(fmt.Errorf("--state %s: exists already; it may hold another request's key", path))
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fileErr(fmt.Errorf("--state %s: %w", path, err))
	}
	return nil
}
