// The light build of Bottleneck (no Redis clustering), the one both Octokit plugins import: its
// API is the full build's, whose types the package ships only under its main entry.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
