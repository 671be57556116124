package main

// The upgrade command maps flags onto package upgradeapi; it has its own
// exit codes (those of the odoo_upgrade CLI, see upgradeapi.Exit*).

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/migrate-runner/migrate-runner/upgradeapi"
)

func upgradeCommand() *cli.Command {
	return &cli.Command{
		Name:  "upgrade",
		Usage: "drive the database-upgrade platform (upgrade.odoo.com, Flectra's, or a self-hosted one) through its /database/v1 API",
		Description: "Every API command prints {\"curl_info\", \"http_status\", \"upgrade_response\"} as JSON (or a summary with --output text).\n" +
			"Exit codes: 0 success; 1 HTTP 4xx, failures reported or a failed upgrade; 2 HTTP 5xx, network failure or timeout;\n" +
			"3 a missing or invalid argument; 4 a missing or unreadable file.",
		Subcommands: []*cli.Command{
			upgradeCreateCommand(), upgradeUploadCommand(), upgradeSFTPAccessCommand(), upgradeSFTPPutCommand(),
			upgradeSimpleCommand("process", "ask the platform to upgrade the uploaded dump", (*upgradeapi.Client).Process),
			upgradeSimpleCommand("skip-test", "skip the platform's tests: deliver the upgraded dump and set the state to delivered", (*upgradeapi.Client).SkipTest),
			upgradeSimpleCommand("status", "print the request's status", (*upgradeapi.Client).Status),
			upgradeWaitCommand(), upgradeDownloadCommand(), upgradeRunCommand(),
		},
	}
}

// Flags are built fresh for each command: urfave/cli flags keep state.
func upgradeCommonFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "url", Value: upgradeapi.DefaultURL, Usage: "base URL of the platform"},
		&cli.StringFlag{Name: "output", Value: "json", Usage: "json, or text for a readable summary"},
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "fill curl_info: URL (key masked), timings, bytes, server address"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar or state notices, even on a terminal"},
		&cli.BoolFlag{Name: "insecure", Usage: "do not check the server's TLS certificate (self-hosted, self-signed)"},
	}
}

func upgradeCredFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "key", Usage: "the request's private key, from create"},
		&cli.StringFlag{Name: "request", Usage: "the request id, from create"},
		&cli.StringFlag{Name: "state", Usage: "a state file written by create or run, instead of --key and --request"},
	}
}

func upgradeCreateFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "contract", Usage: "your enterprise contract (subscription) reference"},
		&cli.StringFlag{Name: "email", Usage: "your email address"},
		&cli.StringFlag{Name: "target", Usage: "the version to upgrade to, e.g. 17.0 (checked by the platform)"},
		&cli.StringFlag{Name: "aim", Usage: "test or production"},
		&cli.StringFlag{Name: "timezone", Usage: "the server's IANA time zone, for source versions before 6.1"},
	}
}

func upgradeSFTPFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "identity", Aliases: []string{"i"}, Usage: "SSH private key to log in with (default: ssh-agent, ~/.ssh/id_ed25519, id_ecdsa, id_rsa)"},
		&cli.StringFlag{Name: "ssh-keys", Usage: "authorized_keys file to send (default: the public key of --identity)"},
		&cli.StringFlag{Name: "known-hosts", Usage: "known_hosts file checked for the server's host key (default ~/.ssh/known_hosts)"},
		&cli.StringFlag{Name: "fingerprint", Usage: "the server's host key fingerprint (SHA256:...), instead of known_hosts"},
	}
}

func flags(groups ...[]cli.Flag) []cli.Flag {
	var all []cli.Flag
	for _, g := range groups {
		all = append(all, g...)
	}
	return all
}

// upgradeUsageError gives flag-parsing problems exit code 3.
func upgradeUsageError(_ *cli.Context, err error, _ bool) error {
	return cli.Exit(err.Error(), upgradeapi.ExitUsage)
}

func upgradeSub(name, usage, usageText string, fl []cli.Flag, action cli.ActionFunc) *cli.Command {
	return &cli.Command{Name: name, Usage: usage, UsageText: "migrate-runner upgrade " + name + " " + usageText,
		Flags: fl, OnUsageError: upgradeUsageError, Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return cli.Exit(fmt.Sprintf("unexpected argument %q", c.Args().First()), upgradeapi.ExitUsage)
			}
			if o := c.String("output"); o != "json" && o != "text" {
				return cli.Exit(fmt.Sprintf("--output %q: want json or text", o), upgradeapi.ExitUsage)
			}
			return action(c)
		}}
}

// upgradeClient builds the client; st, when given, supplies the URL.
func upgradeClient(c *cli.Context, st *upgradeapi.State) (*upgradeapi.Client, error) {
	base := c.String("url")
	if st != nil {
		if c.IsSet("url") && strings.TrimRight(base, "/") != st.URL {
			return nil, upgradeExit(upgradeUsage(fmt.Sprintf("--url %s: the state file's request is on %s", base, st.URL)))
		}
		base = st.URL
	}
	cl, err := upgradeapi.NewClient(base, upgradeapi.Options{Insecure: c.Bool("insecure")})
	if err != nil {
		return nil, upgradeExit(err)
	}
	cl.Verbose = c.Bool("verbose")
	cl.Log = slog.Default()
	if stderr := c.App.ErrWriter; !c.Bool("quiet") && upgradeapi.IsTerminal(stderr) {
		cl.Meter = upgradeapi.TerminalMeter(stderr)
		cl.Notice = stderr
	}
	return cl, nil
}

// upgradeCreds reads --key/--request, or --state.
func upgradeCreds(c *cli.Context) (upgradeapi.Credentials, *upgradeapi.State, error) {
	if path := c.String("state"); path != "" {
		if c.IsSet("key") || c.IsSet("request") {
			return upgradeapi.Credentials{}, nil, upgradeExit(upgradeUsage("--state replaces --key and --request: give one or the other"))
		}
		st, err := upgradeapi.LoadState(path)
		if err != nil {
			return upgradeapi.Credentials{}, nil, upgradeExit(err)
		}
		return st.Credentials(), st, nil
	}
	cr := upgradeapi.Credentials{Request: c.String("request"), Key: c.String("key")}
	if err := cr.Validate(); err != nil {
		return cr, nil, upgradeExit(err)
	}
	return cr, nil, nil
}

// upgradeCredClient is the usual start of a command acting on a request.
func upgradeCredClient(c *cli.Context) (*upgradeapi.Client, upgradeapi.Credentials, error) {
	cr, st, err := upgradeCreds(c)
	if err != nil {
		return nil, cr, err
	}
	cl, err := upgradeClient(c, st)
	return cl, cr, err
}

func upgradeUsage(msg string) error {
	return &upgradeapi.Error{Code: upgradeapi.ExitUsage, Err: errors.New(msg)}
}

// upgradeExit gives an error its exit code for run().
func upgradeExit(err error) error {
	if err == nil {
		return nil
	}
	return cli.Exit(err.Error(), upgradeapi.ExitCode(err))
}

// upgradeEmit prints the output, if any, then returns the error with its
// exit code: the JSON is printed even for failures, which it describes.
func upgradeEmit(c *cli.Context, out *upgradeapi.Output, err error) error {
	if out != nil {
		var werr error
		if c.String("output") == "text" {
			werr = out.WriteText(c.App.Writer)
		} else {
			werr = out.WriteJSON(c.App.Writer)
		}
		if werr != nil && err == nil {
			err = fmt.Errorf("write the output: %w", werr)
		}
	}
	return upgradeExit(err)
}

// upgradeResult prints one API call's output and its outcome.
func upgradeResult(c *cli.Context, res *upgradeapi.Result, err error) error {
	if err != nil {
		return upgradeExit(err)
	}
	return upgradeEmit(c, upgradeapi.NewOutput(res), res.Err())
}

func upgradeCreateCommand() *cli.Command {
	fl := flags(upgradeCommonFlags(), upgradeCreateFlags(), []cli.Flag{
		&cli.StringFlag{Name: "filename", Usage: "a name for the dump, purely informative (default: the base name of --dbdump)"},
		&cli.StringFlag{Name: "dbdump", Usage: "the dump to upload later; gives --filename"},
		&cli.StringFlag{Name: "state", Usage: "write the request id and key to this new file (mode 0600)"},
	})
	return upgradeSub("create", "create an upgrade request; prints its id and private key",
		"--contract REF --email ADDR --target VERSION --aim test|production (--filename NAME | --dbdump FILE) [--timezone TZ] [--state FILE]",
		fl, func(c *cli.Context) error {
			p := upgradeCreateParams(c)
			if p.Filename == "" && c.String("dbdump") != "" {
				name, err := upgradeapi.DumpName(c.String("dbdump"))
				if err != nil {
					return upgradeExit(err)
				}
				p.Filename = name
			}
			if err := p.Validate(); err != nil {
				return upgradeExit(err)
			}
			statePath := c.String("state")
			if statePath != "" {
				if err := upgradeapi.CheckNewState(statePath); err != nil {
					return upgradeExit(err)
				}
			}
			cl, err := upgradeClient(c, nil)
			if err != nil {
				return err
			}
			res, err := cl.Create(c.Context, p)
			if err != nil {
				return upgradeExit(err)
			}
			err = res.Err()
			if err == nil && statePath != "" {
				err = upgradeSaveCreated(cl, res, p, statePath)
			}
			return upgradeEmit(c, upgradeapi.NewOutput(res), err)
		})
}

func upgradeCreateParams(c *cli.Context) upgradeapi.CreateParams {
	return upgradeapi.CreateParams{Contract: c.String("contract"), Email: c.String("email"), Target: c.String("target"),
		Aim: c.String("aim"), Filename: c.String("filename"), Timezone: c.String("timezone")}
}

func upgradeSaveCreated(cl *upgradeapi.Client, res *upgradeapi.Result, p upgradeapi.CreateParams, path string) error {
	info := res.Response.Request
	if info == nil || info.ID == "" || info.Key == "" {
		return &upgradeapi.Error{Code: upgradeapi.ExitServer, Err: errors.New("create: the answer has no request id and key to save")}
	}
	return upgradeapi.SaveState(path, &upgradeapi.State{URL: cl.BaseURL(), Request: string(info.ID), Key: info.Key,
		Contract: p.Contract, Target: p.Target, Aim: p.Aim, Filename: p.Filename}, true)
}

func upgradeUploadCommand() *cli.Command {
	fl := flags(upgradeCommonFlags(), upgradeCredFlags(), []cli.Flag{
		&cli.StringFlag{Name: "dbdump", Usage: "the dump to upload"},
	})
	return upgradeSub("upload", "upload the dump over HTTPS, streamed", "(--key KEY --request ID | --state FILE) --dbdump FILE", fl,
		func(c *cli.Context) error {
			cl, cr, err := upgradeCredClient(c)
			if err != nil {
				return err
			}
			res, err := cl.Upload(c.Context, cr, c.String("dbdump"))
			return upgradeResult(c, res, err)
		})
}

func upgradeSFTPAccessCommand() *cli.Command {
	fl := flags(upgradeCommonFlags(), upgradeCredFlags(), []cli.Flag{
		&cli.StringFlag{Name: "ssh-keys", Usage: "authorized_keys file: the public keys allowed to log in"},
	})
	return upgradeSub("request-sftp-access", "ask for an SFTP server to upload the dump to (or download the result from)",
		"(--key KEY --request ID | --state FILE) --ssh-keys FILE", fl,
		func(c *cli.Context) error {
			keys, err := upgradeapi.ReadSSHKeys(c.String("ssh-keys"))
			if err != nil {
				return upgradeExit(err)
			}
			cl, cr, err := upgradeCredClient(c)
			if err != nil {
				return err
			}
			res, err := cl.RequestSFTPAccess(c.Context, cr, c.String("ssh-keys"), keys)
			return upgradeResult(c, res, err)
		})
}

func upgradeSFTPOptions(c *cli.Context) upgradeapi.SFTPOptions {
	return upgradeapi.SFTPOptions{Identity: c.String("identity"), SSHKeys: c.String("ssh-keys"),
		KnownHosts: c.String("known-hosts"), Fingerprint: c.String("fingerprint"), Remote: c.String("remote-file"), Force: c.Bool("force")}
}

func upgradeSFTPPutCommand() *cli.Command {
	fl := flags(upgradeCommonFlags(), upgradeCredFlags(), upgradeSFTPFlags(), []cli.Flag{
		&cli.StringFlag{Name: "dbdump", Usage: "the dump to upload"},
	})
	return upgradeSub("sftp-put", "upload the dump over SFTP (request_sftp_access, then a resumable upload of the shared file)",
		"(--key KEY --request ID | --state FILE) --dbdump FILE [--identity KEY] [--known-hosts FILE | --fingerprint SHA256:...]", fl,
		func(c *cli.Context) error {
			cl, cr, err := upgradeCredClient(c)
			if err != nil {
				return err
			}
			if c.String("dbdump") == "" {
				return upgradeExit(upgradeUsage("--dbdump is required"))
			}
			out, err := cl.SFTPPut(c.Context, cr, c.String("dbdump"), upgradeSFTPOptions(c))
			return upgradeEmit(c, out, err)
		})
}

type upgradeCall func(*upgradeapi.Client, context.Context, upgradeapi.Credentials) (*upgradeapi.Result, error)

func upgradeSimpleCommand(name, usage string, call upgradeCall) *cli.Command {
	return upgradeSub(name, usage, "(--key KEY --request ID | --state FILE)", flags(upgradeCommonFlags(), upgradeCredFlags()),
		func(c *cli.Context) error {
			cl, cr, err := upgradeCredClient(c)
			if err != nil {
				return err
			}
			res, err := call(cl, c.Context, cr)
			return upgradeResult(c, res, err)
		})
}

func upgradeWaitFlags() []cli.Flag {
	return []cli.Flag{
		&cli.DurationFlag{Name: "interval", Value: 10 * time.Second, Usage: "first pause between status calls; grows by half while the state stays, up to 2m"},
		&cli.DurationFlag{Name: "timeout", Value: 6 * time.Hour, Usage: "give up after this long (exit 2); 0 waits for ever"},
	}
}

func upgradeWaitOptions(c *cli.Context) (upgradeapi.WaitOptions, error) {
	o := upgradeapi.WaitOptions{Interval: c.Duration("interval"), Timeout: c.Duration("timeout")}
	if o.Interval <= 0 {
		return o, upgradeExit(upgradeUsage(fmt.Sprintf("--interval %v: want a positive duration", o.Interval)))
	}
	if o.Timeout < 0 {
		return o, upgradeExit(upgradeUsage(fmt.Sprintf("--timeout %v: want a positive duration, or 0 for none", o.Timeout)))
	}
	return o, nil
}

func upgradeWaitCommand() *cli.Command {
	return upgradeSub("wait", "poll status until the request is done or delivered; a failed upgrade exits 1",
		"(--key KEY --request ID | --state FILE) [--interval 10s] [--timeout 6h]",
		flags(upgradeCommonFlags(), upgradeCredFlags(), upgradeWaitFlags()),
		func(c *cli.Context) error {
			o, err := upgradeWaitOptions(c)
			if err != nil {
				return err
			}
			cl, cr, err := upgradeCredClient(c)
			if err != nil {
				return err
			}
			res, err := cl.Wait(c.Context, cr, o)
			if res == nil {
				return upgradeExit(err)
			}
			return upgradeEmit(c, upgradeapi.NewOutput(res), err)
		})
}

func upgradeDownloadFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "what", Value: "upgraded-archive", Usage: upgradeapi.WhatNames},
		&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "destination file (default: <what>_<request>.zip, .sql or none)"},
		&cli.BoolFlag{Name: "force", Usage: "replace an existing destination file"},
		&cli.IntFlag{Name: "retries", Value: 5, Usage: "times a broken download resumes before giving up (the partial file stays for the next run)"},
		&cli.DurationFlag{Name: "stall-timeout", Value: time.Minute, Usage: "resume a download on which nothing arrived for this long (0: wait forever)"},
	}
}

func upgradeDownloadCommand() *cli.Command {
	fl := flags(upgradeCommonFlags(), upgradeCredFlags(), upgradeDownloadFlags(), upgradeSFTPFlags(), []cli.Flag{
		&cli.BoolFlag{Name: "sftp", Usage: "fetch the upgraded dump over SFTP (request_sftp_access in state done) instead of HTTPS"},
		&cli.StringFlag{Name: "remote-file", Usage: "with --sftp: the file to fetch (default: upgraded_<shared file>)"},
	})
	return upgradeSub("download", "download a file of the request over HTTPS, resuming with Range, or with --sftp over SFTP",
		"(--key KEY --request ID | --state FILE) [--what upgraded-archive] [-o FILE] [--sftp [--identity KEY]]", fl,
		func(c *cli.Context) error {
			if c.Int("retries") < 0 || c.Duration("stall-timeout") < 0 {
				return upgradeExit(upgradeUsage("--retries and --stall-timeout: want 0 or more"))
			}
			cl, cr, err := upgradeCredClient(c)
			if err != nil {
				return err
			}
			if c.Bool("sftp") {
				if c.IsSet("what") && c.String("what") != "upgraded-archive" {
					return upgradeExit(upgradeUsage("--sftp fetches the upgraded dump only: drop --what"))
				}
				out, err := cl.SFTPGet(c.Context, cr, c.String("out"), upgradeSFTPOptions(c))
				return upgradeEmit(c, out, err)
			}
			st, out, err := cl.Download(c.Context, cr, upgradeapi.DownloadOptions{What: c.String("what"), Output: c.String("out"),
				Force: c.Bool("force"), Retries: c.Int("retries"), StallTimeout: c.Duration("stall-timeout")})
			if out == nil && st != nil {
				out = upgradeapi.NewOutput(st) // the status answer that stopped the download
			}
			return upgradeEmit(c, out, err)
		})
}

func upgradeRunCommand() *cli.Command {
	fl := flags(upgradeCommonFlags(), upgradeCreateFlags(), upgradeWaitFlags(), upgradeDownloadFlags(), []cli.Flag{
		&cli.StringFlag{Name: "dbdump", Usage: "the dump to upgrade"},
		&cli.StringFlag{Name: "state", Usage: "state file to resume from (default <dbdump>.upgrade-state.json)"},
	})
	return upgradeSub("run", "the whole flow: create, upload, process, wait, download; run it again to resume after an interruption",
		"--contract REF --email ADDR --target VERSION --aim test|production --dbdump FILE [-o FILE] [--state FILE]", fl,
		func(c *cli.Context) error {
			if c.Int("retries") < 0 || c.Duration("stall-timeout") < 0 {
				return upgradeExit(upgradeUsage("--retries and --stall-timeout: want 0 or more"))
			}
			o, err := upgradeWaitOptions(c)
			if err != nil {
				return err
			}
			dump := c.String("dbdump")
			if dump == "" {
				return upgradeExit(upgradeUsage("--dbdump is required"))
			}
			state := c.String("state")
			if state == "" {
				state = dump + ".upgrade-state.json"
			}
			// A resumed run talks to the platform its request is on.
			var st *upgradeapi.State
			if !c.IsSet("url") {
				st, _ = upgradeapi.LoadState(state)
			}
			cl, err := upgradeClient(c, st)
			if err != nil {
				return err
			}
			out, err := cl.Run(c.Context, upgradeapi.RunParams{Create: upgradeCreateParams(c), Dump: dump, State: state, Wait: o,
				Download: upgradeapi.DownloadOptions{What: c.String("what"), Output: c.String("out"), Force: c.Bool("force"), Retries: c.Int("retries"),
					StallTimeout: c.Duration("stall-timeout")}})
			return upgradeEmit(c, out, err)
		})
}
