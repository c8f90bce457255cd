import { Field, ID, InputType } from 'type-graphql';
import { RoleName } from './role.js';

@InputType({ description: 'A new account' })
export class UserInput {
  @Field({ description: 'Lowercase letters, digits, ".", "_" and "-" (3–64 characters)' })
  username!: string;

  @Field(() => String, { nullable: true, description: 'Display name' })
  name?: string | null;

  @Field(() => RoleName)
  role!: RoleName;

  @Field(() => ID, { nullable: true, description: 'Needed for, and only for, a PROVINCE account' })
  provinceId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'At least 10 characters. Left out, the account has no password until resetPassword gives it one ' +
      '(or it signs in through single sign-on)',
  })
  password?: string | null;
}
