// EnterpriseMcp on Azure Container Apps, for `azd provision`: a resource group holding the gateway (the one public
// endpoint), the Jira and Db tool servers (reachable only inside the environment), Redis for the gateway's replicas,
// and a Key Vault with the gateway's client secret and Redis connection string. The identity provider stays outside:
// its authority and the gateway's client are parameters.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('The azd environment\'s name; it names the resource group and seeds the resources\' names.')
param environmentName string

@minLength(1)
@description('The Azure region of every resource.')
param location string

@description('The gateway\'s image; empty until `azd deploy` has pushed one (azd sets SERVICE_GATEWAY_IMAGE_NAME).')
param gatewayImage string = ''

@description('The Jira tool server\'s image; empty until `azd deploy` has pushed one.')
param jiraImage string = ''

@description('The Db tool server\'s image; empty until `azd deploy` has pushed one.')
param dbImage string = ''

@minLength(1)
@description('The token issuer every service trusts (Mcp:Auth:Authority), e.g. Entra ID\'s v2.0 issuer of the tenant.')
param identityAuthority string

@minLength(1)
@description('The gateway\'s client at the identity provider (Gateway:Identity:ClientId); the tool servers accept only tokens it obtained.')
param gatewayClientId string

@secure()
@minLength(1)
@description('That client\'s secret, stored in the Key Vault only.')
param gatewayClientSecret string

@description('The audience of the gateway\'s tokens (its Mcp:Auth:Resource); empty: its own URL, https://{app}.{domain}/mcp.')
param gatewayResource string = ''

@description('The audience of the Jira tool server\'s tokens; empty: its internal URL.')
param jiraResource string = ''

@description('The audience of the Db tool server\'s tokens; empty: its internal URL.')
param dbResource string = ''

@description('The JWT typ values the services accept (Mcp:Auth:ValidTokenTypes); Entra ID and Keycloak mark access tokens JWT.')
param validTokenTypes array = [ 'at+jwt', 'application/at+jwt' ]

@minValue(1)
param gatewayMinReplicas int = 2

@minValue(1)
param gatewayMaxReplicas int = 10

@description('Concurrent requests per gateway replica above which Container Apps adds one.')
param gatewayConcurrentRequests int = 50

@allowed([ 'Basic', 'Standard', 'Premium' ])
param redisSku string = 'Standard'

param redisCapacity int = 1

var tags = { 'azd-env-name': environmentName }

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'resources'
  scope: group
  params: {
    location: location
    tags: tags
    gatewayImage: gatewayImage
    jiraImage: jiraImage
    dbImage: dbImage
    identityAuthority: identityAuthority
    gatewayClientId: gatewayClientId
    gatewayClientSecret: gatewayClientSecret
    gatewayResource: gatewayResource
    jiraResource: jiraResource
    dbResource: dbResource
    validTokenTypes: validTokenTypes
    gatewayMinReplicas: gatewayMinReplicas
    gatewayMaxReplicas: gatewayMaxReplicas
    gatewayConcurrentRequests: gatewayConcurrentRequests
    redisSku: redisSku
    redisCapacity: redisCapacity
  }
}

// azd reads these into its environment: the registry it pushes to, and where the gateway answers.
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = resources.outputs.registryLoginServer
output AZURE_KEY_VAULT_NAME string = resources.outputs.keyVaultName
output GATEWAY_MCP_URL string = resources.outputs.gatewayMcpUrl
