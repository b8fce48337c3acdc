package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"dossier/internal/serve"
)

const serveHelp = `usage: dossier serve [--content DIR] [--addr 127.0.0.1:1313] [--host NAME]... [--no-annotate]

Serve the dossier in DIR for preview, rebuilding in memory on every change
and reloading the browsers. Errors show in the browser over the last good
build until they are fixed. Ctrl-C stops.

On a source page, select a passage to write a new claim quoting it, or to
add it to a claim: the file is written into DIR/claims/ (never over another)
and the page reloads with the passage highlighted. Only a browser on this
machine can write; --no-annotate turns it off.

flags:
`

// hostList collects repeated --host flags.
type hostList []string

func (h *hostList) String() string     { return strings.Join(*h, ",") }
func (h *hostList) Set(v string) error { *h = append(*h, v); return nil }

func runServe(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	contentDir := fl.String("content", "content", "the dossier folder")
	addr := fl.String("addr", "127.0.0.1:1313", "the address to listen on; a non-loopback one exposes your drafts to the network")
	var hosts hostList
	fl.Var(&hosts, "host", "a host name browsers may use besides localhost (repeatable)")
	noFollow := fl.Bool("no-follow", false, "reload pages in place instead of going to the page of the changed file")
	noAnnotate := fl.Bool("no-annotate", false, "do not offer to write claims from the source pages")
	poll := fl.Duration("poll", 0, "poll for changes at this interval (e.g. 1s) instead of using file system events")
	if code, ok := parse(fl, args, serveHelp, stdout, stderr); !ok {
		return code
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		fmt.Fprintf(stderr, "dossier serve: --addr %q: want host:port, e.g. 127.0.0.1:1313\n", *addr)
		return 2
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "warning: listening on %s, not on a loopback address: anyone who can reach this machine can read your drafts\n", *addr)
		if host != "" && ip == nil {
			hosts = append(hosts, host)
		}
	}
	srv, err := serve.New(serve.Options{ContentDir: *contentDir, Name: displayName(*contentDir),
		Hosts: hosts, Follow: !*noFollow, Poll: *poll, Log: stdout, NoAnnotate: *noAnnotate})
	if err != nil {
		fmt.Fprintf(stderr, "dossier serve: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			fmt.Fprintf(stderr, "dossier serve: %s is in use (another dossier serve?): stop it or pass --addr with another port\n", *addr)
		} else {
			fmt.Fprintf(stderr, "dossier serve: %v\n", err)
		}
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdout, "serving %s at http://%s/ (Ctrl-C to stop)\n", *contentDir, ln.Addr())
	start := time.Now()
	if err := srv.Serve(ctx, ln); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "dossier serve: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "stopped after %s\n", time.Since(start).Round(time.Second))
	return 0
}
