// Command gentree writes a synthetic Odoo addons tree for benchmarks:
//
//	go run ./bench/gentree -modules 5000 -versions 3 -scripts 10 -series 17.0 -seed 1 DIR
//
// DIR receives addons/, upgrade/ and installed.txt (see internal/treegen).
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/migrate-runner/migrate-runner/internal/treegen"
)

func main() {
	var cfg treegen.Config
	flag.IntVar(&cfg.Modules, "modules", 5000, "number of addons")
	flag.IntVar(&cfg.VersionsPerModule, "versions", 3, "version folders per module")
	flag.IntVar(&cfg.ScriptsPerVersion, "scripts", 10, "scripts per version folder")
	flag.StringVar(&cfg.Series, "series", "17.0", "Odoo series")
	flag.Int64Var(&cfg.Seed, "seed", 1, "random seed (same seed, same tree)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: gentree [flags] DIR\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	dir := flag.Arg(0)
	start := time.Now()
	st, err := treegen.Generate(dir, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gentree:", err)
		os.Exit(1)
	}
	fmt.Printf("gentree: %s: %d modules, %d scripts, %d files, %d dirs in %.2fs\n",
		dir, cfg.Modules, st.Scripts, st.Files, st.Dirs, time.Since(start).Seconds())
}
