package main

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browsers are the names a headless Chromium goes by (Debian's chromium,
// chromium-headless-shell).
var browsers = []string{"chromium", "chromium-headless-shell", "chromium-browser", "google-chrome"}

func findBrowser() string {
	if p := os.Getenv("CHEMORES_BROWSER"); p != "" {
		return p
	}
	for _, b := range browsers {
		if p, err := exec.LookPath(b); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowser reads a release the way a person does, in headless
// Chromium against chemores serve: the home page, a mechanism, one of its
// entities, a sentence that mentions it in its document, the DOI of the
// reference that sentence cites; then a search. Nothing may be requested
// from another host and nothing may be logged as an error. Screenshots
// go to build/browser/ for a person to look at.
//
// Without Chromium the test fails under CI (which installs it) and is
// skipped elsewhere; make test then prints one line saying to install it.
func TestBrowser(t *testing.T) {
	exe := findBrowser()
	if exe == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no Chromium found (apt-get install chromium): CI must run the browser test")
		}
		t.Skip("no Chromium found: apt-get install chromium to run the browser test")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	dist := t.TempDir()
	e, out, _ := envWith(map[string]string{"SOURCE_DATE_EPOCH": epoch})
	if code := run(ctx, []string{"publish", "--build", testdata, "--dist", dist, "--mechanisms", vocabTSV, "-q"}, e); code != exitOK {
		t.Fatalf("publish: exit %d: %s", code, out)
	}
	base := serveForTest(ctx, t, dist)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 900),
	}
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	var mu sync.Mutex
	var requests, problems []string
	err := chromedp.Listen(bctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			requests = append(requests, ev.Request.URL)
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				problems = append(problems, "console "+string(ev.Type))
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				problems = append(problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	shots := filepath.Join("..", "..", "build", "browser")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	// shot saves the page, or what the window shows of a long one.
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			take := chromedp.FullScreenshot(100)
			if name == "document" {
				take = chromedp.CaptureScreenshot()
			}
			png, err := take(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644)
		})
	}
	// check is what every page must pass: one h1, a language, every form
	// field labelled, no link without text.
	check := func(where string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			ok, err := chromedp.Evaluate[bool](`document.querySelectorAll('h1').length === 1 && document.documentElement.lang === 'en' &&
				[...document.querySelectorAll('input')].every(i => i.labels.length > 0) &&
				[...document.querySelectorAll('a')].every(a => a.textContent.trim() !== '')`)(ctx, tg)
			if err == nil && !ok {
				t.Errorf("%s: headings, language, labels or link text missing", where)
			}
			return err
		})
	}
	enable := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, log.Enable, cdp.Empty{})
		return err
	})
	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		for i, st := range steps {
			sctx, cancel := context.WithTimeout(bctx, 20*time.Second)
			err := chromedp.Do(sctx, st)
			cancel()
			if err != nil {
				loc, _ := chromedp.Run(bctx, chromedp.Location())
				t.Fatalf("step %d on %s: %v", i+1, loc, err)
			}
		}
	}
	eval := func(js string, v any) {
		t.Helper()
		var err error
		switch v := v.(type) {
		case *string:
			*v, err = chromedp.Run(bctx, chromedp.Evaluate[string](js))
		case *int:
			*v, err = chromedp.Run(bctx, chromedp.Evaluate[int](js))
		case *picked:
			*v, err = chromedp.Run(bctx, chromedp.Evaluate[picked](js))
		}
		if err != nil {
			t.Fatal(err)
		}
	}

	// Home, through "/"; the first Tab lands on the skip link.
	do(enable, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("main h1")), check("home"), chromedp.KeyEvent("\t"), shot("home"))
	title, _ := chromedp.Run(bctx, chromedp.Title())
	location, _ := chromedp.Run(bctx, chromedp.Location())
	if !strings.HasPrefix(location, base+"/") || !strings.HasSuffix(location, "/") || !strings.Contains(title, "Chemotherapy resistance") {
		t.Fatalf("/ led to %s, titled %q", location, title)
	}
	var skip string
	eval(`document.activeElement.className`, &skip)
	if skip != "skip" {
		t.Errorf("the first Tab focused %q, not the skip link", skip)
	}
	// Mechanisms, the efflux mechanism, one of its entities (ABCB1).
	do(chromedp.Click(chromedp.CSS(`nav a[href$="mechanisms/index.html"]`)), chromedp.WaitVisible(chromedp.CSS(`main a[href$="increased-efflux.html"]`)), check("mechanisms"),
		chromedp.Click(chromedp.CSS(`main a[href$="increased-efflux.html"]`)), chromedp.WaitVisible(chromedp.CSS(`#entities`)), check("mechanism"),
		chromedp.Click(chromedp.CSS(`#entities + ul a[href$="/NCBIGene-5243.html"]`)), chromedp.WaitVisible(chromedp.CSS(`#sentences`)), check("entity"), shot("entity"))
	// A sentence with a DOI among the references backing it.
	var p picked
	eval(`(() => { for (const q of document.querySelectorAll('blockquote.q')) {
		const f = q.querySelector('footer'), d = f.querySelector('a.doi');
		if (d) return {Sentence: f.querySelector('a').getAttribute('href'), DOI: d.href};
	} return {Sentence: '', DOI: ''}; })()`, &p)
	if p.Sentence == "" || !strings.HasPrefix(p.DOI, "https://doi.org/10.") {
		t.Fatalf("no sentence citing a reference with a DOI on the entity page: %+v", p)
	}
	_, id, _ := strings.Cut(p.Sentence, "#")
	do(chromedp.Click(chromedp.CSS(`blockquote.q footer a[href="`+p.Sentence+`"]`)), chromedp.WaitVisible(chromedp.CSS(`[id="`+id+`"]`)),
		check("document"), shot("document"))
	var target, refDOI string
	eval(`document.querySelector(':target') ? document.querySelector(':target').id : ''`, &target)
	if target != id {
		t.Errorf("the sentence link landed on %q, want the sentence %s", target, id)
	}
	// Its callout (or the one closing its run of sentences) leads to the
	// reference list, which links the DOI.
	do(chromedp.Click(chromedp.CSS(`[id="`+id+`"] a.cite, [id="`+id+`"] ~ .s a.cite`)), chromedp.WaitVisible(chromedp.CSS(`li:target`)))
	eval(`[...document.querySelectorAll('ol.refs a.doi')].map(a => a.href).includes(`+jsString(p.DOI)+`) ? `+jsString(p.DOI)+` : ''`, &refDOI)
	if refDOI != p.DOI {
		t.Errorf("the reference list of the document does not link %s", p.DOI)
	}
	// A search typed into the page's search box.
	do(chromedp.SendKeys(chromedp.CSS(`#q-nav`), "P-gp\n"), chromedp.WaitVisible(chromedp.CSS(`#results h2`)), check("search"), shot("search"))
	var entities, naming int
	var first string
	eval(`document.querySelectorAll('#results ol')[0].querySelectorAll('li').length`, &entities)
	eval(`[...document.querySelectorAll('#results li a')].filter(a => /p-gp/i.test(a.textContent)).length`, &naming)
	eval(`document.querySelector('#results li a').textContent`, &first)
	if entities == 0 || naming == 0 || first != "ABCB1" {
		t.Errorf("search for P-gp: %d entities (first %q), %d results naming P-gp", entities, first, naming)
	}

	mu.Lock()
	defer mu.Unlock()
	host := strings.TrimPrefix(base, "http://")
	for _, r := range requests {
		u, err := url.Parse(r)
		if err != nil || u.Host != host {
			t.Errorf("request left the host: %s", r)
		}
	}
	if len(requests) < 8 {
		t.Errorf("only %d requests seen: %v", len(requests), requests)
	}
	for _, p := range problems {
		t.Errorf("browser reported: %s", p)
	}
}

// picked is a sentence link and a DOI link read off a page.
type picked struct{ Sentence, DOI string }

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// serveForTest runs chemores serve on a free port until the test ends.
func serveForTest(ctx context.Context, t *testing.T, dist string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(ctx)
	addr := make(chan string, 1)
	served := make(chan error, 1)
	se, _, _ := envWith(nil)
	go func() {
		served <- runServe(ctx, se, serveOptions{dir: dist, addr: "127.0.0.1:0", ready: func(a string) { addr <- a }})
	}()
	t.Cleanup(func() { cancel(); <-served })
	select {
	case a := <-addr:
		return "http://" + a
	case err := <-served:
		t.Fatalf("serve: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	return ""
}
