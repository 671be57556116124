package upgradeapi

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strconv"
)

// Exit codes of the upgrade commands, those of the odoo_upgrade CLI
// extended to network failures and to failures the platform reports.
const (
	ExitOK       = 0 // success
	ExitPlatform = 1 // HTTP 4xx, a non-empty failures list, a failed or cancelled upgrade
	ExitServer   = 2 // HTTP 5xx, a network failure, an answer that is not the API's, a wait that timed out
	ExitUsage    = 3 // a missing or invalid argument (timezone included)
	ExitFile     = 4 // a missing or unreadable input file, an output file that cannot be written
)

// Error carries the exit code an error maps to.
type Error struct {
	Code int
	Err  error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

func usageErr(err error) error    { return &Error{ExitUsage, err} }
func fileErr(err error) error     { return &Error{ExitFile, err} }
func platformErr(err error) error { return &Error{ExitPlatform, err} }
func serverErr(err error) error   { return &Error{ExitServer, err} }

// ExitCode maps an error of this package to its exit code. Errors that do
// not say otherwise are network or server failures (2): every local
// problem is classified where it is found.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ExitServer
}

// codeForStatus is the exit code of an HTTP status.
func codeForStatus(code int) int {
	switch {
	case code >= 500:
		return ExitServer
	case code >= 400:
		return ExitPlatform
	case code >= 300:
		return ExitServer // a redirect the client did not follow is not an answer
	}
	return ExitOK
}

// isTransient reports whether a failed call may succeed when repeated:
// network failures, 5xx answers and answers that are not the API's, never
// a cancelled context nor anything the platform or the user got wrong.
func isTransient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code == ExitServer
	}
	var ne net.Error
	var ue *url.Error
	return errors.As(err, &ne) || errors.As(err, &ue) || errors.Is(err, errTruncated)
}

// StatusError is an HTTP answer outside 2xx on a download.
type StatusError struct {
	Code   int
	Reason string
	URL    string // masked
}

func (e *StatusError) Error() string {
	return "GET " + e.URL + ": HTTP " + strconv.Itoa(e.Code) + " " + e.Reason
}

var errTruncated = errors.New("connection closed before the end of the body")
