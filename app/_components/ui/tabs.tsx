'use client';

import { Tab, TabList, Tabs as AriaTabs, TabPanel as AriaTabPanel } from 'react-aria-components';

export type TTab<T extends string> = { id: T; label: string; disabled?: boolean; hint?: string };

/**
 * WAI-ARIA tabs (react-aria-components): arrow keys, Home and End move between tabs and select them,
 * only the active tab is in the tab order. The page holds which tab is active; its TabPanels go inside
 * as children (the panel is labelled by its tab, so both live under one root).
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
        className="-mx-4 mb-6 flex gap-1 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0"
      >
        {tabs.map((t) => (
          <Tab
            key={t.id}
            id={t.id}
            className={({ isSelected, isDisabled, isFocusVisible }) =>
              `-mb-px shrink-0 cursor-pointer border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap outline-none ${isFocusVisible ? 'ring-2 ring-brand-600 ring-inset' : ''} ${
                isDisabled
                  ? 'cursor-not-allowed border-transparent text-slate-300'
                  : isSelected
                    ? 'border-brand-600 text-brand-700'
                    : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
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
