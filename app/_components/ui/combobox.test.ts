import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Combobox } from './combobox.tsx';
import { chosenLabel, comboboxItems, comboboxQuery, comboboxStatus, textOnRevert } from './combobox-logic.ts';

const alice = { id: 'p-alice', label: 'Alice Nguyen' };
const bob = { id: 'p-bob', label: 'Bob Lee', detail: 'Engineering' };

describe('comboboxItems', () => {
  it('keeps the chosen option first when the search did not find it', () => {
    expect(comboboxItems(alice, [bob])).toEqual([alice, bob]);
  });
  it('lists the search as it came when it holds the chosen option, or nothing is chosen', () => {
    expect(comboboxItems(alice, [bob, alice])).toEqual([bob, alice]);
    expect(comboboxItems(null, [bob])).toEqual([bob]);
    expect(comboboxItems(null, [])).toEqual([]);
  });
});

describe('chosenLabel', () => {
  // The page holds only the chosen id, and a stand-in name until its own request answers.
  const chosenByPage = { id: 'p-alice', label: '…' };
  it('names the choice as the list has it, before the page knows the name', () => {
    expect(chosenLabel(chosenByPage, [bob, alice], null)).toBe('Alice Nguyen');
  });
  it('keeps the name the list last had for the choice when a later search does not find it', () => {
    expect(chosenLabel(chosenByPage, [bob], alice)).toBe('Alice Nguyen');
    expect(chosenLabel(chosenByPage, [], alice)).toBe('Alice Nguyen');
  });
  it('takes the page’s name when the list never had the choice, and nothing when there is none', () => {
    expect(chosenLabel(chosenByPage, [bob], bob)).toBe('…');
    expect(chosenLabel({ id: 'p-alice', label: 'Alice N.' }, [], null)).toBe('Alice N.');
    expect(chosenLabel(null, [alice], alice)).toBe('');
  });
});

describe('comboboxQuery', () => {
  it('reads the chosen name standing in the field as no search', () => {
    expect(comboboxQuery(alice, 'Alice Nguyen')).toBe('');
  });
  it('searches for anything else typed', () => {
    expect(comboboxQuery(alice, 'Alice')).toBe('Alice');
    expect(comboboxQuery(null, 'Alice Nguyen')).toBe('Alice Nguyen');
  });
});

describe('comboboxStatus', () => {
  const base = { searching: false, searched: true, found: 0, query: '', nothingFound: 'Nobody matches' };
  it('says a search is under way before anything else', () => {
    expect(comboboxStatus({ ...base, searching: true })).toBe('Searching…');
  });
  it('names what found nothing', () => {
    expect(comboboxStatus({ ...base, query: '  zed ' })).toBe('Nobody matches “zed”');
    expect(comboboxStatus(base)).toBe('Nobody matches');
  });
  it('says nothing when there are options, or before the first answer', () => {
    expect(comboboxStatus({ ...base, found: 2 })).toBeNull();
    expect(comboboxStatus({ ...base, searched: false })).toBeNull();
  });
});

describe('Combobox', () => {
  const render = (props: Partial<Parameters<typeof Combobox>[0]> = {}) =>
    renderToStaticMarkup(
      createElement(Combobox, {
        value: null,
        onChange: () => {},
        options: [bob],
        searching: false,
        searched: false,
        onSearch: () => {},
        id: 'person',
        ...props,
      }),
    );
  const input = (html: string) => /<input[^>]*>/.exec(html)?.[0] ?? '';

  it('is a closed combobox on the id its label points at, with list autocompletion', () => {
    const field = input(render({ 'aria-describedby': 'person-hint', placeholder: 'Search people by name…' }));
    expect(field).toContain('role="combobox"');
    expect(field).toContain('id="person"');
    expect(field).toContain('aria-expanded="false"');
    expect(field).toContain('aria-autocomplete="list"');
    expect(field).toContain('person-hint');
    expect(field).toContain('placeholder="Search people by name…"');
  });
  it('shows the chosen name and offers to clear it, by name', () => {
    const html = render({ value: alice });
    expect(input(html)).toContain('value="Alice Nguyen"');
    expect(html).toContain('aria-label="Clear (Alice Nguyen)"');
  });
  it('offers no clear button when nothing is chosen or it is disabled', () => {
    expect(render()).not.toContain('Clear (');
    const disabled = render({ value: alice, disabled: true });
    expect(disabled).not.toContain('Clear (');
    expect(input(disabled)).toContain('disabled');
  });
  it('marks itself invalid for the field’s error', () => {
    expect(input(render({ 'aria-invalid': true }))).toContain('aria-invalid="true"');
  });
});

describe('textOnRevert', () => {
  it('keeps what was typed when the list closed while the person is still typing (the page scrolled)', () => {
    expect(textOnRevert({ chosen: null, typed: 'Ali', stillTyping: true })).toBe('Ali');
    expect(textOnRevert({ chosen: alice, typed: 'Bo', stillTyping: true })).toBe('Bo');
  });
  it('puts the chosen name back on Escape or when the field is left, and empties a field with no choice', () => {
    expect(textOnRevert({ chosen: alice, typed: 'Bo', stillTyping: false })).toBe('Alice Nguyen');
    expect(textOnRevert({ chosen: null, typed: 'Ali', stillTyping: false })).toBe('');
  });
});
