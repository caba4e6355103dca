// The one identity the apps run as: it pulls their images and reads the gateway's secrets. User-assigned, so that
// its roles exist before the first revision starts (a system-assigned identity is created with its app, too late for
// the app's own Key Vault references).
param location string
param tags object
param name string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
