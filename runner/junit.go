package runner

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/migrate-runner/migrate-runner/phases"
)

// JUnit XML, the format CI systems read test results from: one testcase
// per planned script, so a CI page lists every script with its time, its
// failure (traceback and failing SQL) or why it did not run.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	ClassName string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Time      string        `xml:"time,attr"`
	Failure   *junitMessage `xml:"failure"`
	Skipped   *junitMessage `xml:"skipped"`
	SystemOut string        `xml:"system-out,omitempty"`
	SystemErr string        `xml:"system-err,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",chardata"`
}

// WriteJUnit writes the run as JUnit XML. Planned scripts the run never
// reached (it stopped at a failure) are listed as skipped, so the CI page
// shows the whole plan.
func WriteJUnit(w io.Writer, rep *Report, plan *phases.Plan) error {
	suite := junitSuite{Name: "migrate-runner run " + rep.RunID,
		Properties: []junitProperty{{"database", rep.Database}, {"run_id", rep.RunID}, {"outcome", rep.Outcome}}}
	if len(rep.Committed) > 0 {
		suite.Properties = append(suite.Properties, junitProperty{"committed", strings.Join(rep.Committed, ",")})
	}
	var total float64
	ran := map[string]bool{}
	for _, s := range rep.Scripts {
		ran[s.Path] = true
		if suite.Timestamp == "" {
			suite.Timestamp = s.Started.UTC().Format("2006-01-02T15:04:05")
		}
		secs := s.Duration.Seconds()
		total += secs
		tc := junitCase{ClassName: className(s.Module, s.Version, s.Phase), Name: s.Script, File: s.Path,
			Time: fmt.Sprintf("%.3f", secs), SystemErr: s.Stderr, SystemOut: systemOut(s)}
		switch s.Status {
		case Failed:
			body := s.Traceback
			if body == "" {
				body = s.Error
			}
			if s.FailedSQL != "" {
				body += "\nFailed SQL:\n" + s.FailedSQL + "\n"
			}
			tc.Failure = &junitMessage{Message: s.Error, Type: errorType(s.Error), Body: body}
			suite.Failures++
		case Skipped:
			tc.Skipped = &junitMessage{Message: s.Error}
			suite.Skipped++
		}
		suite.Cases = append(suite.Cases, tc)
	}
	if plan != nil {
		for _, st := range plan.Scripts() {
			if ran[st.Path] {
				continue
			}
			suite.Cases = append(suite.Cases, junitCase{ClassName: className(st.Module, st.Version, st.Phase),
				Name: st.Script, File: st.Path, Time: "0.000",
				Skipped: &junitMessage{Message: "not run: the run stopped at an earlier failure"}})
			suite.Skipped++
		}
	}
	suite.Tests = len(suite.Cases)
	suite.Time = fmt.Sprintf("%.3f", total)
	doc := junitSuites{Name: "migrate-runner", Tests: suite.Tests, Failures: suite.Failures, Skipped: suite.Skipped,
		Time: suite.Time, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// className groups a module's scripts by folder and phase, as CI
// systems group test cases by class: "sale.17.0.1.1.pre".
func className(module, version, phase string) string {
	return module + "." + version + "." + phase
}

// errorType is the exception class at the head of the error line
// ("psycopg2.errors.UniqueViolation: …").
func errorType(msg string) string {
	head, _, ok := strings.Cut(msg, ":")
	if !ok || strings.ContainsAny(head, " /") {
		return ""
	}
	return head
}

func systemOut(s ScriptReport) string {
	var b strings.Builder
	if s.Host != "" { // which Python host ran the script, and why CPython when auto chose it
		b.WriteString("host: " + s.Host)
		if s.HostReason != "" {
			b.WriteString(" (" + s.HostReason + ")")
		}
		b.WriteString("\n")
	}
	b.WriteString(s.Stdout)
	for _, l := range s.Logs {
		fmt.Fprintf(&b, "%s %s: %s\n", l[0], l[1], l[2])
	}
	if s.Statements > 0 {
		fmt.Fprintf(&b, "%d statements, %d rows\n", s.Statements, s.RowCount)
	}
	return b.String()
}
