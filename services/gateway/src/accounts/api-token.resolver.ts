import { requireRole } from '@thidua/kit';
import { DateTimeResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ApiToken } from './api-token.entity.js';
import { issueApiToken, revokeApiToken } from './api-token.service.js';
import type { AccountsContext } from './context.js';
import { Province, provinceRef } from './province.type.js';
import { RoleName } from './role.js';

@ObjectType({ description: 'A new API token: `token` is shown this once and cannot be read again' })
export class IssuedApiToken {
  @Field({ description: 'Send it as Authorization: Bearer <token>' })
  token!: string;

  @Field(() => ApiToken)
  apiToken!: ApiToken;
}

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Query(() => [ApiToken], { description: 'Every API token ever issued, newest first (admin)' })
  async apiTokens(@Ctx() ctx: AccountsContext): Promise<ApiToken[]> {
    requireRole(ctx.viewer, ['admin'], 'apiTokens');
    return ctx.db.getRepository(ApiToken).find({ order: { createdAt: 'DESC' } });
  }

  @FieldResolver(() => Province, { nullable: true })
  province(@Root() apiToken: ApiToken): Province | null {
    return provinceRef(apiToken.provinceId);
  }

  @FieldResolver(() => Boolean, { description: 'Neither revoked nor expired' })
  active(@Root() apiToken: ApiToken): boolean {
    return apiToken.revokedAt === null && apiToken.expiresAt > new Date();
  }

  @Mutation(() => IssuedApiToken, { description: 'Issues a named API token that expires (admin)' })
  async issueApiToken(
    @Ctx() ctx: AccountsContext,
    @Arg('name') name: string,
    @Arg('role', () => RoleName) role: RoleName,
    @Arg('expiresAt', () => DateTimeResolver) expiresAt: Date,
    @Arg('provinceId', () => ID, { nullable: true }) provinceId?: string | null,
  ): Promise<IssuedApiToken> {
    const who = requireRole(ctx.viewer, ['admin'], 'issueApiToken');
    const issued = await ctx.db.transaction((tx) => issueApiToken(tx, who.sub, { name, role, provinceId, expiresAt }));
    ctx.logger.info(
      { event: 'api-token.issued', name: issued.apiToken.name, role, province: provinceId ?? null, by: who.sub },
      'API token issued',
    );
    return Object.assign(new IssuedApiToken(), issued);
  }

  @Mutation(() => ApiToken, { description: 'Revokes an API token at once (admin)' })
  async revokeApiToken(@Ctx() ctx: AccountsContext, @Arg('id', () => ID) id: string): Promise<ApiToken> {
    const who = requireRole(ctx.viewer, ['admin'], 'revokeApiToken');
    const revoked = await ctx.db.transaction((tx) => revokeApiToken(tx, who.sub, id));
    ctx.logger.info({ event: 'api-token.revoked', name: revoked.name, by: who.sub }, 'API token revoked');
    return revoked;
  }
}
