/**
 * Client side of the Run buttons. With the local runner (`npm start`) a run
 * streams the example's real output; on a static host it shows the output
 * scripts/verify recorded, and says where it was recorded.
 */

type RunEvent =
  | { t: 'step'; text: string }
  | { t: 'out'; data: string }
  | { t: 'error'; text: string }
  | { t: 'exit'; code: number | null; ms: number; timedOut: boolean; truncated: boolean; stopped: boolean };

interface Recorded {
  command: string;
  output: string;
  recordedAt: string;
  go: string;
  rustc: string;
  cpu: string;
}

let probe: Promise<string[]> | undefined;
/** The examples the local runner offers, or none on a static host. */
export function runnerExamples(): Promise<string[]> {
  probe ??= fetch('/api/runner.json', { headers: { accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<{ examples: string[] }>) : { examples: [] }))
    .then((j) => j.examples)
    .catch(() => []);
  return probe;
}

/** Builds the output area of a run panel inside `host` and returns functions to drive it. */
function panel(host: HTMLElement) {
  let label = host.querySelector<HTMLElement>('[data-run-label]');
  let out = host.querySelector<HTMLElement>('[data-run-output]');
  let status = host.querySelector<HTMLElement>('[data-run-status]');
  if (!label || !out || !status) {
    // The output is labelled above it, so it never reads as part of the source shown above.
    label = document.createElement('p');
    label.className = 'run-label';
    label.dataset.runLabel = '';
    out = document.createElement('pre');
    out.className = 'output live';
    out.dataset.runOutput = '';
    out.tabIndex = 0;
    status = document.createElement('p');
    status.setAttribute('role', 'status');
    status.dataset.runStatus = '';
    host.append(label, out, status);
  }
  out.hidden = false;
  return { label, out, status };
}

/** Streams one run of `action` for `slug` into `host`; resolves when it ends. `signal` stops it. */
export async function run(host: HTMLElement, slug: string, action: 'run' | 'bench', signal: AbortSignal): Promise<void> {
  const { label, out, status } = panel(host);
  label.textContent = action === 'run' ? `Output of ${slug}, running on this machine` : `Benchmarks of ${slug}, running on this machine (short mode)`;
  out.textContent = '';
  out.setAttribute('aria-busy', 'true');
  status.textContent = action === 'run' ? 'Building and running…' : 'Building and running the benchmarks once (short mode)…';
  const started = performance.now();
  try {
    const res = await fetch(`/api/run/${slug}/${action}`, { method: 'POST', signal });
    if (!res.ok || !res.body) {
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      status.textContent = `Could not start: ${body.error ?? res.statusText}`;
      return;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line) show(JSON.parse(line) as RunEvent);
    }
  } catch (e) {
    if ((e as Error).name === 'AbortError') status.textContent = `Stopped after ${((performance.now() - started) / 1000).toFixed(1)} s.`;
    else status.textContent = `The runner stopped answering: ${(e as Error).message}`;
  } finally {
    out.removeAttribute('aria-busy');
  }

  function show(e: RunEvent) {
    if (e.t === 'step') out.append(`${e.text}\n`);
    else if (e.t === 'out') out.append(e.data);
    else if (e.t === 'error') out.append(`\n⚠ ${e.text}\n`);
    else status.textContent = `${e.code === 0 ? 'Finished' : e.stopped ? 'Stopped' : 'Failed'}: exit status ${e.code ?? 'none'}, ${(e.ms / 1000).toFixed(1)} s.`;
    out.scrollTop = out.scrollHeight;
  }
}

/** Shows the recorded output of `slug` in `host` (the static-site fallback). */
export async function showRecorded(host: HTMLElement, slug: string): Promise<void> {
  const { label, out, status } = panel(host);
  const r = (await (await fetch(`/examples/recorded/${slug}.json`)).json()) as Recorded;
  label.textContent = `Recorded output of ${r.command}`;
  out.textContent = r.output;
  status.textContent = `Recorded output of ${r.command}, recorded by scripts/verify on ${r.recordedAt.slice(0, 10)} (${r.go.replace('go version ', '')}, ${r.rustc.split(' (')[0]}, ${r.cpu}). Serve the site with npm start to run it live.`;
}
