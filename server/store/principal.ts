// Who a request acts as: a user (admin or viewer), or a share link's viewer limited to one scope.
export type Role = 'admin' | 'viewer';

export interface Scope {
  engine: string;
  /** "project": the containers of one compose project; "container": one container. */
  kind: 'project' | 'container';
  target: string;
}

export interface User {
  id?: number;
  name: string;
  role: Role;
  /** Present for share-link sessions: the only things this principal may see. */
  scope?: Scope;
  sessionId?: string;
}
