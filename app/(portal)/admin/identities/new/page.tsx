import type { Metadata } from 'next';
import { CreatePersonForm } from '../create-person-form.tsx';

export const metadata: Metadata = { title: 'Add a person' };

export default function NewPersonPage() {
  return <CreatePersonForm />;
}
