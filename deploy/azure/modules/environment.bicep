// The Container Apps environment. Its managed OpenTelemetry agent receives what the services export over OTLP (the
// platform sets OTEL_EXPORTER_OTLP_ENDPOINT in every app) and forwards traces and logs to Application Insights.
// The agent is configured only in the preview API versions, hence this one. Metrics are not forwarded there: the agent
// sends metrics only to OTLP destinations, and the services' metrics stay on their /metrics endpoints for a
// Prometheus to scrape.
param location string
param tags object
param name string
param logAnalyticsName string
param applicationInsightsName string

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource environment 'Microsoft.App/managedEnvironments@2025-10-02-preview' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logAnalytics.properties.customerId
        sharedKey: logAnalytics.listKeys().primarySharedKey
      }
    }
    appInsightsConfiguration: {
      connectionString: applicationInsights.properties.ConnectionString
    }
    openTelemetryConfiguration: {
      tracesConfiguration: { destinations: [ 'appInsights' ] }
      logsConfiguration: { destinations: [ 'appInsights' ] }
    }
    workloadProfiles: [
      { name: 'Consumption', workloadProfileType: 'Consumption' }
    ]
  }
}

output id string = environment.id
output defaultDomain string = environment.properties.defaultDomain
