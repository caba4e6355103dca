// The gateway's secrets. Access by Azure RBAC only (no access policies), and the apps' identity may read secrets and
// nothing else. The client secret arrives as a secure parameter: azd asks for it and keeps it in its environment,
// never in a file of this repository.
param location string
param tags object
param name string
param readerPrincipalId string
@secure()
param gatewayClientSecret string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

// The name is the configuration key with `--` for `:`, which the gateway's Key Vault source maps back.
resource clientSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'Gateway--Identity--ClientSecret'
  properties: {
    value: gatewayClientSecret
  }
}

// Key Vault Secrets User, a built-in role: read secrets' values.
var secretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource read 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalId, secretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: secretsUserRole
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
