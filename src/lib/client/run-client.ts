/**
 * Client side of the Run buttons. With the local runner (`npm start`) a run
 * streams the example's real output; on a static host it shows the output
 * scripts/verify recorded, and says where it was recorded.
 */

import type { RunEvent, RunnerInfo } from '../commands/runner-actions.ts';

export type RunnerAction = RunnerInfo['actions'][number];

interface Recorded {
  command: string;
  output: string;
  recordedAt: string;
  go: string;
  rustc: string;
  cpu: string;
}

const none: RunnerInfo = { available: false, examples: [], actions: [] };
let probe: Promise<RunnerInfo> | undefined;
/** What the local runner offers: its examples and, per action, its button. Nothing on a static host. */
export function runnerInfo(): Promise<RunnerInfo> {
  probe ??= fetch('/api/runner.json', { headers: { accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<RunnerInfo>) : none))
    .then((j) => (j.available ? j : none))
    .catch(() => none);
  return probe;
}

/** The actions the runner offers for `slug`, in the runner's order. */
export const actionsFor = (info: RunnerInfo, slug: string): RunnerAction[] => info.actions.filter((a) => a.examples.includes(slug));

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
export async function run(host: HTMLElement, slug: string, action: RunnerAction, signal: AbortSignal): Promise<void> {
  const { label, out, status } = panel(host);
  label.textContent = action.label.replace('{example}', slug);
  out.textContent = '';
  out.setAttribute('aria-busy', 'true');
  status.textContent = action.busy;
  const started = performance.now();
  try {
    const res = await fetch(`/api/run/${slug}/${action.name}`, { method: 'POST', signal });
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
