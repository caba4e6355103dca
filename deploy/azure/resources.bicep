// Everything inside the resource group; main.bicep documents the parameters.
param location string
param tags object
param gatewayImage string
param jiraImage string
param dbImage string
param identityAuthority string
param gatewayClientId string
@secure()
param gatewayClientSecret string
param gatewayResource string
param jiraResource string
param dbResource string
param validTokenTypes array
param gatewayMinReplicas int
param gatewayMaxReplicas int
param gatewayConcurrentRequests int
param redisSku string
param redisCapacity int

var token = uniqueString(resourceGroup().id)

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${token}'
    applicationInsightsName: 'appi-${token}'
  }
}

module environment 'modules/environment.bicep' = {
  name: 'environment'
  params: {
    location: location
    tags: tags
    name: 'cae-${token}'
    logAnalyticsName: monitoring.outputs.logAnalyticsName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    tags: tags
    name: 'id-${token}'
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    location: location
    tags: tags
    name: 'cr${token}'
    pullerPrincipalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    tags: tags
    name: 'kv-${token}'
    readerPrincipalId: identity.outputs.principalId
    gatewayClientSecret: gatewayClientSecret
  }
}

module redis 'modules/redis.bicep' = {
  name: 'redis'
  params: {
    location: location
    tags: tags
    name: 'redis-${token}'
    keyVaultName: keyVault.outputs.name
    skuName: redisSku
    capacity: redisCapacity
  }
}

// Apps' addresses follow from the environment's domain, so each app's audience is known before it exists.
var jiraName = 'jira'
var dbName = 'db'
var gatewayName = 'gateway'
var jiraUrl = 'https://${jiraName}.internal.${environment.outputs.defaultDomain}/mcp'
var dbUrl = 'https://${dbName}.internal.${environment.outputs.defaultDomain}/mcp'
var gatewayUrl = 'https://${gatewayName}.${environment.outputs.defaultDomain}/mcp'


module jira 'modules/service.bicep' = {
  name: 'jira'
  params: {
    location: location
    tags: tags
    name: jiraName
    serviceName: 'jira'
    environmentId: environment.outputs.id
    identityId: identity.outputs.id
    registryServer: registry.outputs.loginServer
    image: jiraImage
    external: false
    validTokenTypes: validTokenTypes
    // Only tokens the gateway obtained pass: no client reaches a tool server around the gateway's policy.
    env: [
      { name: 'Mcp__Auth__Authority', value: identityAuthority }
      { name: 'Mcp__Auth__Resource', value: empty(jiraResource) ? jiraUrl : jiraResource }
      { name: 'Mcp__Auth__AcceptedClients__0', value: gatewayClientId }
      { name: 'Jira__Embedded__DatabasePath', value: '/data/jira.db' }
    ]
    // The embedded demo database lives in the replica's scratch volume: one replica, so every call sees the same issues.
    minReplicas: 1
    maxReplicas: 1
  }
}

module db 'modules/service.bicep' = {
  name: 'db'
  params: {
    location: location
    tags: tags
    name: dbName
    serviceName: 'db'
    environmentId: environment.outputs.id
    identityId: identity.outputs.id
    registryServer: registry.outputs.loginServer
    image: dbImage
    external: false
    validTokenTypes: validTokenTypes
    env: [
      { name: 'Mcp__Auth__Authority', value: identityAuthority }
      { name: 'Mcp__Auth__Resource', value: empty(dbResource) ? dbUrl : dbResource }
      { name: 'Mcp__Auth__AcceptedClients__0', value: gatewayClientId }
      { name: 'Db__EmbeddedDatabasePath', value: '/data/sample.db' }
    ]
    minReplicas: 1
    maxReplicas: 1
  }
}

module gateway 'modules/service.bicep' = {
  name: 'gateway'
  params: {
    location: location
    tags: tags
    name: gatewayName
    serviceName: 'gateway'
    environmentId: environment.outputs.id
    identityId: identity.outputs.id
    registryServer: registry.outputs.loginServer
    image: gatewayImage
    external: true
    keyVaultReferences: [
      { name: 'redis-connection', keyVaultUrl: redis.outputs.connectionStringSecretUri }
    ]
    validTokenTypes: validTokenTypes
    env: [
      { name: 'Mcp__Auth__Authority', value: identityAuthority }
      { name: 'Mcp__Auth__Resource', value: empty(gatewayResource) ? gatewayUrl : gatewayResource }
      { name: 'Gateway__Identity__ClientId', value: gatewayClientId }
      // The client secret is read by the gateway itself from the vault (KeyVault:Uri), with this identity.
      { name: 'KeyVault__Uri', value: keyVault.outputs.uri }
      { name: 'KeyVault__ClientId', value: identity.outputs.clientId }
      { name: 'ConnectionStrings__redis', secretRef: 'redis-connection' }
      { name: 'Gateway__Backends__jira__Url', value: jiraUrl }
      { name: 'Gateway__Backends__jira__Audience', value: empty(jiraResource) ? jiraUrl : jiraResource }
      { name: 'Gateway__Backends__db__Url', value: dbUrl }
      { name: 'Gateway__Backends__db__Audience', value: empty(dbResource) ? dbUrl : dbResource }
      { name: 'Gateway__StartupWait', value: '00:00:30' }
      // Each replica's own files: a deployment that keeps its audit log sets ConnectionStrings__audit (PostgreSQL).
      { name: 'Gateway__Audit__Path', value: '/data/audit.db' }
      { name: 'Gateway__ApiKeys__Path', value: '/data/apikeys.db' }
    ]
    minReplicas: gatewayMinReplicas
    maxReplicas: gatewayMaxReplicas
    scaleRules: [
      {
        name: 'concurrent-requests'
        http: { metadata: { concurrentRequests: string(gatewayConcurrentRequests) } }
      }
    ]
  }
}

output registryLoginServer string = registry.outputs.loginServer
output keyVaultName string = keyVault.outputs.name
output gatewayMcpUrl string = 'https://${gateway.outputs.fqdn}/mcp'
