// The default VitePress theme, with a component that renders Mermaid diagrams in the page.
import DefaultTheme from 'vitepress/theme';
import Mermaid from './Mermaid.vue';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }: { app: import('vue').App }) {
    app.component('Mermaid', Mermaid);
  },
};
