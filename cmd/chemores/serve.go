package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/chemores/chemores/release"
)

func serveCmd() command {
	return command{
		name:  "serve",
		brief: "Serve releases and their web pages over HTTP to preview them.",
		args:  "[--addr HOST:PORT] DIR",
		summary: `Serve a directory of releases (dist/) read-only over HTTP to preview it:
/ leads to the newest release's web pages; correct content types, versioned
paths cached as immutable, latest.json cached briefly. Stops on Ctrl-C.`,
		run: serveMain,
	}
}

type serveOptions struct {
	dir, addr string
	ready     func(addr string) // tests learn the port here
}

func serveMain(ctx context.Context, e *env, args []string) error {
	var o serveOptions
	fs := newFlags(serveCmd(), e)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one directory, got %d (usage: chemores serve DIR)", len(pos))
	}
	o.dir = pos[0]
	return runServe(ctx, e, o)
}

func runServe(ctx context.Context, e *env, o serveOptions) error {
	h, err := release.NewServer(o.dir)
	if err != nil {
		return err
	}
	defer h.Close()
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	fmt.Fprintf(e.stderr, "serving %s at http://%s/ (Ctrl-C stops)\n", o.dir, ln.Addr())
	if o.ready != nil {
		o.ready(ln.Addr().String())
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	// Requests in flight get a grace period. A connection a client opened
	// but never used counts as busy until the server gives up on it, so
	// what is left after the grace period is closed, not reported.
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
