import type { EnvironmentConfig } from "../config/schema";
import type { EksClusterProps } from "../eks/cluster";
import type { NodeGroupOptions } from "../eks/managed-node-group";
import type { MetabaseWorkloadProps } from "../k8s/metabase-workload";
import type { NetworkProps } from "../network/network";
import type { PostgresDatabaseProps } from "../rds/database";

/**
 * Each section of the environment file, mapped field by field onto the props of the construct that uses it. A
 * spread (`...config.database`) would compile with a field nobody reads, or one the construct has renamed; here
 * `satisfies EveryField<Section>` fails to compile when the schema gains a field this file does not name, and the
 * return type fails it when the construct has no prop of that name or type.
 */
type EveryField<T> = { [K in keyof Required<T>]: T[K] };

type Section<K extends keyof EnvironmentConfig> = EnvironmentConfig[K];

export function networkProps(network: Section<"network">): Partial<NetworkProps> {
  return {
    vpcCidr: network.vpcCidr,
    privateEksSubnetCidrs: network.privateEksSubnetCidrs,
    publicEksSubnetCidrs: network.publicEksSubnetCidrs,
    privateRdsSubnetCidrs: network.privateRdsSubnetCidrs,
    natGateways: network.natGateways,
  } satisfies EveryField<Section<"network">>;
}

/** `logRetentionDays` moved to the top level; the schema refuses any value for it here. */
type ClusterFields = Omit<Section<"cluster">, "logRetentionDays">;

export function clusterProps(cluster: Section<"cluster">): Partial<EksClusterProps> & Pick<EksClusterProps, "name"> {
  return {
    name: cluster.name,
    kubernetesVersion: cluster.kubernetesVersion,
    supportType: cluster.supportType,
    publicEndpointCidrs: cluster.publicEndpointCidrs,
    oidcThumbprints: cluster.oidcThumbprints,
    vpcCniVersion: cluster.vpcCniVersion,
  } satisfies EveryField<ClusterFields>;
}

type NodeGroupSection = Section<"nodeGroups">["private"];

export function nodeGroupProps(group: NodeGroupSection): Omit<NodeGroupOptions, "subnets"> {
  return {
    name: group.name,
    instanceTypes: group.instanceTypes,
    minSize: group.minSize,
    desiredSize: group.desiredSize,
    maxSize: group.maxSize,
    diskSizeGiB: group.diskSizeGiB,
  } satisfies EveryField<NodeGroupSection>;
}

export function databaseProps(database: Section<"database">): Partial<PostgresDatabaseProps> {
  return {
    identifier: database.identifier,
    engineVersion: database.engineVersion,
    instanceClass: database.instanceClass,
    allocatedStorageGiB: database.allocatedStorageGiB,
    maxAllocatedStorageGiB: database.maxAllocatedStorageGiB,
    port: database.port,
    multiAz: database.multiAz,
    backupRetentionDays: database.backupRetentionDays,
    deletionProtection: database.deletionProtection,
    masterUsername: database.masterUsername,
  } satisfies EveryField<Section<"database">>;
}

/** The application fields that name things (read by `environmentNames`, which hands them over in the contract). */
type NamingFields = "namespace" | "serviceAccount" | "dbUser" | "databaseName";

export function workloadProps(application: Section<"application">): Omit<MetabaseWorkloadProps, "contract"> {
  return {
    image: application.image,
    helperImages: application.helperImages,
    replicas: application.replicas,
    servicePort: application.servicePort,
    loadBalancerSourceCidrs: application.loadBalancerSourceCidrs,
    exposure: application.exposure,
    tls: application.tls,
  } satisfies EveryField<Omit<Section<"application">, NamingFields>>;
}
