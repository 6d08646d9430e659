/**
 * A throwaway self-signed certificate (CN kubernetes-admin, O system:masters; its key was never
 * kept), valid for one year like kubeadm's admin certificate.
 */
export const ADMIN_CERT_DATA =
  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJ2RENDQVdPZ0F3SUJBZ0lVYmYxZTYvYVZ4eFV5amF3dldJT01MSDBrZXI0d0NnWUlLb1pJemowRUF3SXcKTkRFWE1CVUdBMVVFQ2d3T2MzbHpkR1Z0T20xaGMzUmxjbk14R1RBWEJnTlZCQU1NRUd0MVltVnlibVYwWlhNdApZV1J0YVc0d0hoY05Nall4TWpBM01UVXhNRFV5V2hjTk1qY3hNakEzTVRVeE1EVXlXakEwTVJjd0ZRWURWUVFLCkRBNXplWE4wWlcwNmJXRnpkR1Z5Y3pFWk1CY0dBMVVFQXd3UWEzVmlaWEp1WlhSbGN5MWhaRzFwYmpCWk1CTUcKQnlxR1NNNDlBZ0VHQ0NxR1NNNDlBd0VIQTBJQUJJN2t3ZXA3NHZsMVlxNStVQVYrbXYzQ0pvN29qZC9KYXpMQwp0K2xYWFN0d1o3RWlTZUVJelF1UmpONUdOU2ZDT0xzY3dMNFRhU2ZSdjNxMlZodlJSeHlqVXpCUk1CMEdBMVVkCkRnUVdCQlQwSVRUM2s4SWYrWGE2dytqREdYaWUveGZ0bWpBZkJnTlZIU01FR0RBV2dCVDBJVFQzazhJZitYYTYKdytqREdYaWUveGZ0bWpBUEJnTlZIUk1CQWY4RUJUQURBUUgvTUFvR0NDcUdTTTQ5QkFNQ0EwY0FNRVFDSUdvegp6ZFFDYTdYcStGK01KTlR3QmxzT0NLQjNJWjVqOXlXbCt0V05GLzJnQWlBQmJ2UHVUQkU4VDZGa1BqL0xMMjI5CmhCWFJQQmxMakpYMlZ6dVlITjVKTmc9PQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==';
/** Its notAfter. */
export const ADMIN_CERT_EXPIRY = '2027-12-07T15:10:52.000Z';

/** An admin kubeconfig as KubeKey writes it, with the given client certificate. */
export function adminKubeconfig(certData: string = ADMIN_CERT_DATA): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster: {server: "https://lb.kubesphere.local:6443"}',
    '  name: cluster.local',
    'users:',
    '- name: kubernetes-admin',
    '  user:',
    `    client-certificate-data: ${certData}`,
    '    client-key-data: bm90LWEta2V5',
    '',
  ].join('\n');
}
