import { roles, type Role } from '@thidua/kit';
import { registerEnumType } from 'type-graphql';

/** The four roles, as GraphQL names them; the values are the kit's token roles. */
export enum RoleName {
  ADMIN = 'admin',
  MINISTRY = 'ministry',
  PROVINCE = 'province',
  VIEWER = 'viewer',
}

registerEnumType(RoleName, {
  name: 'Role',
  description:
    'What an account may do: ADMIN everything, including accounts; MINISTRY every cluster and province; ' +
    "PROVINCE its own province's data in the years the province existed; VIEWER reads only",
});

/** A token role as the GraphQL enum value (they are the same strings). */
export function roleName(role: Role): RoleName {
  return role as RoleName;
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
