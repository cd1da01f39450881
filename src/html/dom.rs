//! A flat, pre-order view of the parsed tree, so every later pass is a loop
//! over indices (no recursion: 100,000-deep nesting must not overflow the
//! stack) and a subtree is the index range `i..nodes[i].end`.

use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::Node;

/// One node of the tree under the root `<html>` element, in document order.
pub(crate) struct DNode<'a> {
    pub node: NodeRef<'a, Node>,
    /// Index of the parent; `NONE` for the root element.
    pub parent: u32,
    /// One past the last index of this node's subtree.
    pub end: u32,
    /// Position among the parent's child nodes (all node types), as in the
    /// DOM's `parent.childNodes[child_index]`.
    pub child_index: u32,
}

pub(crate) const NONE: u32 = u32::MAX;

pub(crate) struct Dom<'a> {
    pub nodes: Vec<DNode<'a>>,
}

impl<'a> Dom<'a> {
    /// Flattens the tree under the document element. Template contents are
    /// left out (in a browser they live in `template.content`, not in
    /// `childNodes`).
    pub fn new(html: &'a scraper::Html) -> Dom<'a> {
        let mut nodes: Vec<DNode<'a>> = Vec::new();
        let Some(root) = html.tree.root().children().find(|c| c.value().is_element()) else {
            return Dom { nodes };
        };
        let mut stack: Vec<(NodeRef<'a, Node>, u32, u32)> = vec![(root, NONE, 0)];
        let mut kids: Vec<NodeRef<'a, Node>> = Vec::new();
        while let Some((node, parent, child_index)) = stack.pop() {
            let index = nodes.len() as u32;
            nodes.push(DNode { node, parent, end: index + 1, child_index });
            if let Node::Element(e) = node.value() {
                if e.name() == "template" {
                    continue;
                }
            }
            kids.clear();
            kids.extend(node.children());
            for (i, kid) in kids.iter().enumerate().rev() {
                stack.push((*kid, index, i as u32));
            }
        }
        // Subtree ends: children come after their parent in pre-order, so a
        // reverse pass can push each end up to the parent.
        for i in (1..nodes.len()).rev() {
            let parent = nodes[i].parent as usize;
            let end = nodes[i].end;
            if end > nodes[parent].end {
                nodes[parent].end = end;
            }
        }
        Dom { nodes }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn element(&self, i: usize) -> Option<&'a Element> {
        match self.nodes[i].node.value() {
            Node::Element(e) => Some(e),
            _ => None,
        }
    }

    /// Lower-case local name of an element, `""` for other nodes.
    pub fn tag(&self, i: usize) -> &'a str {
        self.element(i).map_or("", |e| e.name())
    }

    pub fn text(&self, i: usize) -> Option<&'a str> {
        match self.nodes[i].node.value() {
            Node::Text(t) => Some(&t.text),
            _ => None,
        }
    }

    pub fn attr(&self, i: usize, name: &str) -> Option<&'a str> {
        self.element(i).and_then(|e| e.attr(name))
    }

    /// Child indices from the root element down to node `i` (empty for the root).
    pub fn path(&self, i: usize) -> Vec<u32> {
        let mut path = Vec::new();
        let mut at = i;
        while self.nodes[at].parent != NONE {
            path.push(self.nodes[at].child_index);
            at = self.nodes[at].parent as usize;
        }
        path.reverse();
        path
    }

    /// Indices of the direct children of `i`.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.nodes[i].end as usize;
        let mut next = i + 1;
        std::iter::from_fn(move || {
            if next >= end {
                return None;
            }
            let c = next;
            next = self.nodes[c].end as usize;
            Some(c)
        })
    }
}
