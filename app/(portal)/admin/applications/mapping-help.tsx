import { MAPPING_VARIABLES } from '@/server/shared/identity-attributes.ts';

const FIELDS = [...MAPPING_VARIABLES, 'attributes.<name>'];

const FILTERS: Array<[string, string]> = [
  ['lower', 'lower case'],
  ['upper', 'upper case'],
  ['trim', 'drop spaces at both ends'],
  ['ascii', 'fold accents: Zoë Ångström → Zoe Angstrom'],
  ['initial', 'the first letter'],
  ['default:X', 'X when the value is empty'],
  ['truncate:N', 'the first N characters'],
  ['nospace', 'remove all spaces'],
];

/** How templates work, beside the table that uses them. */
export function MappingHelp() {
  return (
    <details className="group rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-xs" open>
      <summary className="cursor-pointer font-semibold text-slate-900">How templates work</summary>
      <p className="mt-2 text-slate-600">
        <code className="rounded bg-slate-100 px-1 font-mono text-xs">{'{field}'}</code> is the person’s
        value; text outside braces is kept as written. A template that comes out empty sets no value.
      </p>
      <p className="mt-2 text-xs text-slate-500">Fields</p>
      <p className="mt-0.5 flex flex-wrap gap-1">
        {FIELDS.map((f) => (
          <code key={f} className="rounded bg-slate-100 px-1 font-mono text-xs text-slate-700">
            {f}
          </code>
        ))}
      </p>
      <p className="mt-3 text-xs text-slate-500">
        Filters, chained with <code className="font-mono">|</code> and applied left to right
      </p>
      <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5">
        {FILTERS.map(([name, what]) => (
          <div key={name} className="contents">
            <dt>
              <code className="font-mono text-xs text-brand-700">{name}</code>
            </dt>
            <dd className="text-xs text-slate-600">{what}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-slate-500">Example</p>
      <code className="mt-0.5 block rounded bg-slate-100 px-2 py-1 font-mono text-xs break-all text-slate-800">
        {'{firstName|ascii|initial|lower}{lastName|ascii|lower|nospace|truncate:7}'}
      </code>
      <p className="mt-1 text-xs text-slate-600">Zoë Ångström → zangstro</p>
    </details>
  );
}
