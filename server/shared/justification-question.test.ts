import { describe, expect, it } from 'vitest';
import { justificationQuestion } from './justification-question.ts';

describe('the question a justification answers', () => {
  it('asks the requester about themselves, and names anyone else the access is for', () => {
    expect(justificationQuestion(null)).toBe('Why do you need it?');
    expect(justificationQuestion('Ann Lee')).toBe('Why does Ann Lee need it?');
  });
});
