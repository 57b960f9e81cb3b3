import { saveProgress } from './progress-store.ts';

/** Checks the chosen answer of one knowledge-check question and explains it. */
export function activate(button: HTMLElement): void {
  const question = button.closest<HTMLElement>('[data-question]')!;
  const guide = button.closest<HTMLElement>('[data-quiz]')!.dataset.quiz!;
  const feedback = question.querySelector<HTMLElement>('[data-feedback]')!;
  const chosen = question.querySelector<HTMLInputElement>('input[type=radio]:checked');
  if (!chosen) {
    feedback.textContent = 'Choose an answer first.';
    return;
  }
  const correct = question.dataset.correct!;
  const right = chosen.value === correct;
  const letter = String.fromCharCode(65 + Number(correct));
  // The explanation as rendered (its code spans kept), not its text.
  const explanation = question.querySelector<HTMLElement>('[data-explanation]')!.cloneNode(true).childNodes;
  feedback.className = `feedback ${right ? 'holds' : 'fails'}`;
  feedback.replaceChildren(`${right ? 'Correct.' : `Not quite: the answer is ${letter}.`} `, ...explanation);
  saveProgress((p) => {
    p.answers[`${guide}/${question.dataset.question}`] = right;
  });
}
