import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    identityId: string;
    sessionVersion: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    identityId?: string;
    sessionVersion?: number;
  }
}
