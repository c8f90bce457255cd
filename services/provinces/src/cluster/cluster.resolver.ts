import { refuseOnNode, requireViewer } from '@thidua/kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ProvincesContext } from '../context.js';
import { ClusterSeason } from '../season/season.entity.js';
import { Cluster } from './cluster.entity.js';
import { allClusters } from './cluster.loaders.js';
import { createCluster } from './cluster.service.js';

/** Cluster ids in Vietnamese order, numbers by value (cum-2 before cum-10); one collator for the process. */
const byId = new Intl.Collator('vi', { numeric: true });

@Resolver(() => Cluster)
export class ClusterResolver {
  @Query(() => [Cluster])
  async clusters(@Ctx() ctx: ProvincesContext): Promise<Cluster[]> {
    const rows = await allClusters(ctx.db);
    return rows.sort((a, b) => byId.compare(a.id, b.id));
  }

  @Query(() => Cluster, { nullable: true })
  cluster(@Arg('id', () => ID) id: string, @Ctx() ctx: ProvincesContext): Promise<Cluster | null> {
    return ctx.loaders.clusterById.load(id);
  }

  @FieldResolver(() => ClusterSeason, { nullable: true })
  season(
    @Root() cluster: Cluster,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: ProvincesContext,
  ): Promise<ClusterSeason | null> {
    return ctx.loaders.seasonByKey.load({ clusterId: cluster.id, year });
  }

  @FieldResolver(() => [ClusterSeason], { description: 'Its seasons, oldest first' })
  seasons(@Root() cluster: Cluster, @Ctx() ctx: ProvincesContext): Promise<ClusterSeason[]> {
    return ctx.loaders.seasonsOfCluster.load(cluster.id);
  }

  @Mutation(() => Cluster, { description: 'Creates a cluster (admin or ministry)' })
  createCluster(
    @Arg('id', () => ID) id: string,
    @Arg('name') name: string,
    @Ctx() ctx: ProvincesContext,
  ): Promise<Cluster> {
    refuseOnNode(ctx, 'createCluster');
    const actor = requireViewer(ctx.viewer);
    return ctx.db.transaction((em) => createCluster(em, actor, { id, name }));
  }
}
