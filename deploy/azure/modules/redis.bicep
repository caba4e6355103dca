// Azure Cache for Redis, where the gateway's replicas share sessions, rate limits and circuits. TLS only. Its
// connection string is written into the Key Vault from the cache's own key, so no one handles it.
param location string
param tags object
param name string
param keyVaultName string
@allowed([ 'Basic', 'Standard', 'Premium' ])
param skuName string
param capacity int

resource redis 'Microsoft.Cache/redis@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: { name: skuName, family: skuName == 'Premium' ? 'P' : 'C', capacity: capacity }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    redisVersion: '6'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// StackExchange.Redis's format, which ConnectionStrings:redis takes.
resource connectionString 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'ConnectionStrings--redis'
  properties: {
    value: '${redis.properties.hostName}:${redis.properties.sslPort},password=${redis.listKeys().primaryKey},ssl=True,abortConnect=False'
  }
}

output name string = redis.name
output connectionStringSecretUri string = connectionString.properties.secretUri
