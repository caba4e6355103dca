// One of our .NET services as a container app: its image from the registry, pulled with the shared identity; HTTP on
// 8080 (the .NET images' port); a scratch volume for its SQLite files; /health for readiness and /alive for liveness.
// Until `azd deploy` has pushed an image the app runs a placeholder (Microsoft's quickstart image, on port 80, without
// our probes), so that the first `azd provision` can create it; the next provision gives it the real port and probes.
param location string
param tags object
param name string
@description('The azd service this app is deployed as: `azd deploy` finds the app by this tag.')
param serviceName string
param environmentId string
param identityId string
param registryServer string
@description('The image; empty until `azd deploy` has pushed one.')
param image string
@description('Reachable from the internet (the gateway) or only from inside the environment (the tool servers).')
param external bool
param env array
@description('The JWT typ values accepted (Mcp:Auth:ValidTokenTypes), added to env.')
param validTokenTypes array
@description('Container Apps secrets, each read from Key Vault with the identity: { name, keyVaultUrl }.')
param keyVaultReferences array = []
param minReplicas int
param maxReplicas int
param scaleRules array = []

var tokenTypeSettings = [for (type, i) in validTokenTypes: { name: 'Mcp__Auth__ValidTokenTypes__${i}', value: type }]
var placeholder = empty(image)
var port = placeholder ? 80 : 8080
var serviceProbes = [
  {
    type: 'Readiness'
    httpGet: { path: '/health', port: port }
    periodSeconds: 10
    failureThreshold: 3
  }
  {
    type: 'Liveness'
    httpGet: { path: '/alive', port: port }
    periodSeconds: 10
    failureThreshold: 3
  }
  {
    // The gateway answers /alive at once but lists its backends before /health; give a slow start a minute.
    type: 'Startup'
    httpGet: { path: '/alive', port: port }
    periodSeconds: 5
    failureThreshold: 12
  }
]

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: external
        targetPort: port
        transport: 'http'
        allowInsecure: false
      }
      registries: [
        { server: registryServer, identity: identityId }
      ]
      secrets: [for secret in keyVaultReferences: {
        name: secret.name
        keyVaultUrl: secret.keyVaultUrl
        identity: identityId
      }]
    }
    template: {
      containers: [
        {
          name: serviceName
          image: placeholder ? 'mcr.microsoft.com/k8se/quickstart:latest' : image
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: concat(env, tokenTypeSettings)
          probes: placeholder ? [] : serviceProbes
          volumeMounts: [
            { volumeName: 'data', mountPath: '/data' }
          ]
        }
      ]
      volumes: [
        { name: 'data', storageType: 'EmptyDir' }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: scaleRules
      }
    }
  }
}

output name string = app.name
output fqdn string = app.properties.configuration.ingress.fqdn
