// Command fakeupgrade serves package upgradetest's in-process platform on
// a fixed address, to try `migrate-runner upgrade` by hand and to produce
// the README's examples without touching the network:
//
//	go run ./upgradeapi/internal/fakeupgrade -addr 127.0.0.1:8069
//	migrate-runner upgrade create --url http://127.0.0.1:8069 ...
//
// It is a test double that follows the documented behaviour, not the
// self-hosted server: it upgrades nothing.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"

	"github.com/migrate-runner/migrate-runner/upgradeapi/upgradetest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8069", "address to listen on")
	polls := flag.Int("polls", 2, "status calls a processed request spends in pending, then in progress, before done")
	size := flag.Int64("upgraded-size", 0, "size of the upgraded archive in bytes (default 300 KiB of test data)")
	fail := flag.String("fail", "", "make processed requests fail with this message")
	cut := flag.Int64("cut", -1, "close the connection of the first download after this many bytes")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fakeupgrade:", err)
		os.Exit(1)
	}
	srv := upgradetest.NewUnstarted()
	srv.Listener.Close()
	srv.Listener = ln
	srv.Polls, srv.FailUpgrade = *polls, *fail
	if *size > 0 {
		srv.Upgraded = make([]byte, *size)
		copy(srv.Upgraded, upgradetest.UpgradedData())
	}
	if *cut >= 0 {
		srv.CutDownloads(*cut)
	}
	srv.Start()
	defer srv.Close()
	fmt.Println("fake upgrade platform on", srv.URL)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	<-sig
}
