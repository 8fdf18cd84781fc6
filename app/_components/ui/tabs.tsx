'use client';

import { Tab, TabList, Tabs as AriaTabs, TabPanel as AriaTabPanel } from 'react-aria-components';

export type TTab<T extends string> = { id: T; label: string; disabled?: boolean; hint?: string };

/**
 * WAI-ARIA tabs (react-aria-components): arrow keys, Home and End move between tabs and select them,
 * only the active tab is in the tab order. The page holds which tab is active; its TabPanels go inside
 * as children (the panel is labelled by its tab, so both live under one root). Below `lg` the tabs wrap
 * as outlined buttons instead of a row scrolled sideways: an application's six fit neither a phone nor
 * a tablet beside the section navigation, and nothing told that more were out of sight. From `lg` they
 * are the underlined row.
 */
export function Tabs<T extends string>({
  tabs,
  active,
  onChange,
  label,
  children,
}: {
  tabs: Array<TTab<T>>;
  active: T;
  onChange: (id: T) => void;
  label: string;
  children?: React.ReactNode;
}) {
  return (
    <AriaTabs
      selectedKey={active}
      onSelectionChange={(key) => onChange(String(key) as T)}
      disabledKeys={tabs.filter((t) => t.disabled).map((t) => t.id)}
    >
      <TabList
        aria-label={label}
        className="mb-6 flex flex-wrap gap-1 lg:flex-nowrap lg:overflow-x-auto lg:border-b lg:border-slate-200"
      >
        {tabs.map((t) => (
          <Tab
            key={t.id}
            id={t.id}
            className={({ isSelected, isDisabled, isFocusVisible }) =>
              `shrink-0 cursor-pointer rounded-md border px-3 py-1.5 text-sm font-medium whitespace-nowrap outline-none lg:-mb-px lg:rounded-none lg:border-x-0 lg:border-t-0 lg:border-b-2 lg:py-2 ${isFocusVisible ? 'ring-2 ring-brand-600 ring-inset' : ''} ${
                isDisabled
                  ? 'cursor-not-allowed border-slate-200 text-slate-300 lg:border-transparent'
                  : isSelected
                    ? 'border-brand-600 bg-brand-50 text-brand-700 lg:bg-transparent'
                    : 'border-slate-200 bg-white text-slate-600 hover:border-slate-300 hover:text-slate-900 lg:border-transparent lg:bg-transparent'
              }`
            }
          >
            <span title={t.disabled ? t.hint : undefined}>{t.label}</span>
          </Tab>
        ))}
      </TabList>
      {children}
    </AriaTabs>
  );
}

/** The active tab's content; `id` is the tab's id. Renders only while its tab is selected. */
export function TabPanel({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <AriaTabPanel id={id} className="focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
      {children}
    </AriaTabPanel>
  );
}
