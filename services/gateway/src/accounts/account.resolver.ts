import { requireRole, requireViewer, unauthenticated } from '@thidua/kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Account } from './account.entity.js';
import { UserInput } from './account.input.js';
import { changeOwnPassword, createAccount, setPassword, updateAccount } from './account.service.js';
import type { AccountsContext } from './context.js';
import { Province, provinceRef } from './province.type.js';
import { RoleName } from './role.js';

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, {
    nullable: true,
    description: 'The signed-in account (null for anonymous, script and API-token callers)',
  })
  async me(@Ctx() ctx: AccountsContext): Promise<Account | null> {
    const id = ctx.viewer?.account;
    if (!id) return null;
    return ctx.db.getRepository(Account).findOneBy({ id, enabled: true });
  }

  @Query(() => [Account], { description: 'Every account, by username (admin)' })
  async users(@Ctx() ctx: AccountsContext): Promise<Account[]> {
    requireRole(ctx.viewer, ['admin'], 'users');
    return ctx.db.getRepository(Account).find({ order: { username: 'ASC' } });
  }

  @FieldResolver(() => Province, { nullable: true, description: 'The province a PROVINCE account acts for' })
  province(@Root() account: Account): Province | null {
    return provinceRef(account.provinceId);
  }

  @FieldResolver(() => Boolean, { description: 'Whether it was made by a single sign-on (OpenID Connect) sign-in' })
  singleSignOn(@Root() account: Account): boolean {
    return account.oidcIssuer !== null;
  }

  @Mutation(() => Account, { description: 'Creates an account (admin)' })
  async createUser(@Ctx() ctx: AccountsContext, @Arg('input', () => UserInput) input: UserInput): Promise<Account> {
    const who = requireRole(ctx.viewer, ['admin'], 'createUser');
    const account = await ctx.db.transaction((tx) =>
      createAccount(tx, who.sub, { ...input, password: input.password ?? null }),
    );
    ctx.logger.info(
      {
        event: 'account.created',
        username: account.username,
        role: account.role,
        province: account.provinceId,
        by: who.sub,
      },
      'account created',
    );
    return account;
  }

  @Mutation(() => Account, {
    description: "Changes an account's role, province, enabled flag or name (admin); disabling ends its sessions",
  })
  async updateUser(
    @Ctx() ctx: AccountsContext,
    @Arg('id', () => ID) id: string,
    @Arg('role', () => RoleName, { nullable: true }) role?: RoleName | null,
    @Arg('provinceId', () => ID, { nullable: true }) provinceId?: string | null,
    @Arg('enabled', () => Boolean, { nullable: true }) enabled?: boolean | null,
    @Arg('name', () => String, { nullable: true }) name?: string | null,
  ): Promise<Account> {
    const who = requireRole(ctx.viewer, ['admin'], 'updateUser');
    const { account, endedSessions } = await ctx.db.transaction((tx) =>
      updateAccount(tx, who.sub, id, { role, provinceId, enabled, name }),
    );
    ctx.logger.info(
      {
        event: 'account.updated',
        username: account.username,
        role: account.role,
        province: account.provinceId,
        enabled: account.enabled,
        endedSessions,
        by: who.sub,
      },
      'account updated',
    );
    return account;
  }

  @Mutation(() => String, {
    description: 'Gives an account a new generated password, answered once, and ends its sessions (admin)',
  })
  async resetPassword(@Ctx() ctx: AccountsContext, @Arg('id', () => ID) id: string): Promise<string> {
    const who = requireRole(ctx.viewer, ['admin'], 'resetPassword');
    const { account, password } = await ctx.db.transaction((tx) => setPassword(tx, who.sub, id, null));
    ctx.logger.info({ event: 'account.password-reset', username: account.username, by: who.sub }, 'password reset');
    return password;
  }

  @Mutation(() => Boolean, {
    description: "Changes the signed-in account's own password; its other sessions end",
  })
  async changePassword(
    @Ctx() ctx: AccountsContext,
    @Arg('current') current: string,
    @Arg('next') next: string,
  ): Promise<boolean> {
    const who = requireViewer(ctx.viewer);
    if (!who.account) throw unauthenticated('changePassword is for a person signed in with an account');
    await ctx.db.transaction((tx) => changeOwnPassword(tx, who.account!, who.session, current, next));
    ctx.logger.info({ event: 'account.password-changed', by: who.sub }, 'password changed');
    return true;
  }
}
